#!/usr/bin/env bash
# tidebench offline on Spark (issue 15), the three engines in one run on one data set:
#   1. TideBatch (compare_offline.py, TideDB's own engine, checked against DuckDB)
#   2. TideDB -> Spark (compare_offline.py with TIDE_OFFLINE_ENGINE on a local Spark Connect
#      server, checked against DuckDB), peak RSS of TideDB and of Spark's JVM
#   3. Spark by hand: ../shared/bench/features_spark.sql through run_spark.py (pyspark)
#
#   bash scripts/build-release.sh tide
#   bash benchmarks/spark/run.sh small|medium [DRIVER_MEMORY]
#
# Spark is local[2] with DRIVER_MEMORY (default 6g) for both Spark runs; the Spark Connect
# server is started on port 15011 for the run and stopped after.
set -euo pipefail
cd "$(dirname "$0")/../.."
size="${1:?size: small or medium}"
memory="${2:-6g}"
bench=../shared/bench
venv="${TIDE_SPARK_VENV:-$HOME/.cache/tide/spark-venv}"
work=$(mktemp -d /tmp/tide-spark-bench.XXXXXX)
trap 'bash scripts/stop-spark.sh "$work" >/dev/null 2>&1 || true; rm -rf "$work"' EXIT

echo "== TideBatch"
python3 "$bench/compare_offline.py" --tide .build/release/tide --size "$size" --runs 1 | tail -n 6

echo "== TideDB -> Spark"
endpoint=$(bash scripts/start-spark.sh "$work/spark" 15011 "$memory")
TIDE_OFFLINE_ENGINE="$endpoint" python3 benchmarks/spark/peak_rss.py -- \
    python3 benchmarks/spark/compare_offline_long.py --tide .build/release/tide --size "$size" --runs 1 | tail -n 7
bash scripts/stop-spark.sh "$work/spark"

echo "== Spark by hand (features_spark.sql)"
data="${TIDEBENCH_DATA:-/tmp/tidebench-data}/$size-seed20240101"
python3 benchmarks/spark/peak_rss.py -- "$venv/bin/python" "$bench/run_spark.py" --data "$data" --runs 1 \
    --master 'local[2]' --driver-memory "$memory" 2>&1 | grep -E '^(SUMMARY|PEAK_RSS|\{)'
