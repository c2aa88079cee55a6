#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, checks the SQL examples and the
# syntax conformance corpus with the real `tide` binary, then runs the Swift tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test

swift build --build-tests
tide=.build/debug/tide

echo "== formatting (swift format lint --strict)"
swift format lint --strict -r Sources Tests

echo "== SQL examples parse (tide parse)"
for f in sql/examples/*.sql; do
    "$tide" parse "$f" >/dev/null || { echo "FAILED: $f" >&2; "$tide" parse "$f" >&2; exit 1; }
    echo "ok  $f"
done

conformance=../shared/conformance
if [ -f "$conformance/run.py" ]; then
    echo "== syntax conformance (tide parse)"
    report=$(mktemp)
    python3 "$conformance/run.py" --syntax "$conformance/syntax" --tide "$tide" --json "$report.json" >"$report" 2>&1 || true
    # Show the table but not the runner's closing "N passed, M failed" line: the Swift
    # tests' summary is this script's closing line.
    grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$report" || true
    python3 scripts/check_conformance.py "$report.json" 0.95 "syntax conformance (tide parse)"
    rm -f "$report" "$report.json"

    for mode in batch_offline batch_online request; do
        echo "== query conformance (tide run, $mode)"
        python3 "$conformance/run.py" --tide "$tide" --mode "$mode" --json "$report.json" >"$report" 2>&1 || true
        grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$report" | tail -n 22 || true
        python3 scripts/check_conformance.py "$report.json" 0.85 "conformance ($mode)"
        rm -f "$report" "$report.json"
    done
else
    echo "== syntax conformance skipped: $conformance not found" >&2
fi

echo "== swift test"
swift test
