#!/usr/bin/env bash
# Starts a local Spark Connect server (Spark 4.3 from the pyspark package that
# scripts/install-deps.sh --test installs) for TideDB's offline-on-Spark tests and
# benchmarks, and prints its address (spark://127.0.0.1:PORT) once it accepts connections.
#
#   bash scripts/start-spark.sh WORK_DIR [PORT] [DRIVER_MEMORY]
#
# More `--conf k=v` settings can be given in TIDE_SPARK_CONF (the tests make Spark end its
# result streams every second, so every longer query exercises TideDB's reattach).
# The server runs in the background with local[2] and 1 GB of driver memory by default; its
# PID is in WORK_DIR/spark.pid and its log in WORK_DIR/spark.log. Stop it with
#   bash scripts/stop-spark.sh WORK_DIR
set -euo pipefail
work="$1"
port="${2:-15002}"
memory="${3:-1g}"
spark_venv="${TIDE_SPARK_VENV:-$HOME/.cache/tide/spark-venv}"
SPARK_HOME="$("$spark_venv/bin/python" -c 'import os, pyspark; print(os.path.dirname(pyspark.__file__))')"
export SPARK_HOME
mkdir -p "$work"
export SPARK_LOG_DIR="$work/logs" SPARK_PID_DIR="$work"
# --wait keeps spark-submit in the foreground of this background job, so its PID is the server's.
setsid "$SPARK_HOME/sbin/start-connect-server.sh" --wait --master 'local[2]' --driver-memory "$memory" \
    --conf spark.connect.grpc.binding.address=127.0.0.1 --conf spark.connect.grpc.binding.port="$port" \
    --conf spark.ui.enabled=false --conf spark.sql.shuffle.partitions=4 ${TIDE_SPARK_CONF:-} \
    --conf spark.driver.extraJavaOptions=-Djava.io.tmpdir="$work" >"$work/spark.log" 2>&1 &
echo $! >"$work/spark.pid"
for _ in $(seq 1 120); do
    if python3 -c "import socket; socket.create_connection(('127.0.0.1', $port), 0.5)" 2>/dev/null; then
        echo "spark://127.0.0.1:$port"
        exit 0
    fi
    if ! kill -0 "$(cat "$work/spark.pid")" 2>/dev/null; then
        echo "Spark Connect exited; its log:" >&2
        tail -n 40 "$work/spark.log" >&2
        exit 1
    fi
    sleep 1
done
echo "Spark Connect did not open port $port within 120 s; its log:" >&2
tail -n 40 "$work/spark.log" >&2
exit 1
