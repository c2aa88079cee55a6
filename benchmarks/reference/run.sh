#!/usr/bin/env bash
# Long run of the reference-evaluator differential test (see benchmarks/README.md,
# "Reference evaluator: random differential test").
#
#   bash benchmarks/reference/run.sh              # 5,000 cases, seed 11006
#   bash benchmarks/reference/run.sh 20000 7      # 20,000 cases, seed 7
#
# Builds the tests (debug), runs ReferenceEvaluatorTests with TIDE_REFERENCE_CASES and
# TIDE_REFERENCE_SEED, and prints the coverage tally and `N cases, M mismatches` per mode
# (offline, online preview, request). The full log, with every mismatch's reproducer (the
# first TIDE_REFERENCE_DETAILS of them in full, default 10), is kept in $LOG
# (default /tmp/tide-reference-run.log). Exit status: the test's (non-zero on any mismatch).
set -uo pipefail
cd "$(dirname "$0")/../.."
cases=${1:-5000}
seed=${2:-11006}
log=${LOG:-/tmp/tide-reference-run.log}

swift build --build-tests >/dev/null || exit 1
start=$(date +%s)
TIDE_REFERENCE_CASES=$cases TIDE_REFERENCE_SEED=$seed TIDE_REFERENCE_DETAILS=${TIDE_REFERENCE_DETAILS:-10} \
    swift test --skip-build --filter ReferenceEvaluatorTests >"$log" 2>&1
status=$?
end=$(date +%s)
sed -n '/^reference evaluator coverage/,/^reference evaluator (request)/p' "$log"
echo "seed $seed, $((end - start)) s, log: $log"
exit $status
