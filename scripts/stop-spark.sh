#!/usr/bin/env bash
# Stops the Spark Connect server scripts/start-spark.sh started in WORK_DIR (its whole
# process group: the launcher scripts and the JVM).
set -uo pipefail
work="$1"
[ -f "$work/spark.pid" ] || exit 0
pid="$(cat "$work/spark.pid")"
kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
for _ in $(seq 1 30); do
    kill -0 -- "-$pid" 2>/dev/null || { rm -f "$work/spark.pid"; exit 0; }
    sleep 0.5
done
kill -KILL -- "-$pid" 2>/dev/null || true
rm -f "$work/spark.pid"
