#!/usr/bin/env bash
# The whole test suite: installs dependencies, builds, checks the SQL examples and the
# syntax conformance corpus with the real `tide` binary, then runs the Swift tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh --test

swift build --build-tests
bash scripts/link-rdkafka.sh .build/debug
tide=.build/debug/tide

# Everything started below is stopped on exit, however the script ends.
serve_pid=""
spark_dir=""
pg_dir=""
cleanup() {
    [ -n "$serve_pid" ] && kill "$serve_pid" 2>/dev/null
    [ -n "$spark_dir" ] && bash scripts/stop-spark.sh "$spark_dir"
    [ -n "$pg_dir" ] && stop_postgres
    return 0
}
trap cleanup EXIT

# A Spark Connect server (local[2], 1 GB) for the offline-on-Spark conformance and tests.
echo "== starting Spark Connect"
spark_dir=$(mktemp -d)
spark_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
TIDE_TEST_SPARK_URL=$(TIDE_SPARK_CONF="--conf spark.connect.execute.reattachable.senderMaxStreamDuration=1s" \
    bash scripts/start-spark.sh "$spark_dir" "$spark_port")
export TIDE_TEST_SPARK_URL
echo "Spark Connect at $TIDE_TEST_SPARK_URL"

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
        python3 "$conformance/run.py" --tide "$tide" --mode "$mode" --json "$report.$mode.json" >"$report" 2>&1 || true
        grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$report" | tail -n 22 || true
        python3 scripts/check_conformance.py "$report.$mode.json" 0.97 "conformance ($mode)" \
            --baseline scripts/conformance-baseline.json --mode "$mode" --cases "$conformance/cases"
    done

    # The same corpus through `tide serve` over the PostgreSQL wire protocol (psycopg):
    # every check must have the same outcome as embedded.
    serve_dir=$(mktemp -d)
    pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    http_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
    "$tide" serve --data "$serve_dir/data" --pg-port "$pg_port" --http-port "$http_port" >"$serve_dir/serve.log" 2>&1 &
    serve_pid=$!
    for _ in $(seq 1 100); do
        python3 -c "import socket,sys; socket.create_connection(('127.0.0.1',$pg_port),0.2)" 2>/dev/null && break
        sleep 0.2
    done
    for mode in batch_offline batch_online request; do
        echo "== query conformance (tide serve over pgwire, $mode)"
        python3 "$conformance/run.py" --dsn "postgresql://root@127.0.0.1:$pg_port/" --mode "$mode" \
            --json "$report.$mode.dsn.json" >"$report" 2>&1 || true
        grep -v -E '^[0-9]+ passed, [0-9]+ failed' "$report" | tail -n 3 || true
        python3 scripts/compare_conformance.py "$report.$mode.json" "$report.$mode.dsn.json" "pgwire = embedded ($mode)"
    done
    kill -TERM "$serve_pid"
    wait "$serve_pid" || { echo "tide serve did not shut down cleanly" >&2; cat "$serve_dir/serve.log" >&2; exit 1; }
    serve_pid=""

    # The offline corpus with offline queries on Spark: every check the emitter lowers must
    # have TideBatch's outcome; the others stop at 0A000 before Spark runs (listed).
    echo "== query conformance on Spark (tide run, batch_offline, @@offline_engine = $TIDE_TEST_SPARK_URL)"
    TIDE_OFFLINE_ENGINE="$TIDE_TEST_SPARK_URL" python3 "$conformance/run.py" --tide "$tide" --mode batch_offline \
        --json "$report.spark.json" >"$report" 2>&1 || true
    parity_ok=0
    python3 benchmarks/spark/conformance_parity.py "$report.batch_offline.json" "$report.spark.json" \
        >"$report.parity" || parity_ok=1
    if [ "$parity_ok" -ne 0 ]; then cat "$report.parity"; exit 1; fi
    sed -n '1,14p' "$report.parity"
    rm -rf "$serve_dir" "$report" "$report".*.json
else
    echo "== syntax conformance skipped: $conformance not found" >&2
fi

echo "== integration tests (tide serve with psql, psycopg, JDBC, SQLAlchemy, HTTP, the shell, Kafka sources on a tansu broker; pytest)"
# A throw-away PostgreSQL server: the shell's --connect is also tested against PostgreSQL itself.
pg_port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
pg_ctl=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)/pg_ctl
stop_postgres() {
    if [ "$(id -u)" -eq 0 ]; then
        su postgres -s /bin/bash -c "'$pg_ctl' -D '$pg_dir/data' -m fast stop" >/dev/null 2>&1 || true
    else
        "$pg_ctl" -D "$pg_dir/data" -m fast stop >/dev/null 2>&1 || true
    fi
}
pg_dir=$(mktemp -d)
TIDE_TEST_POSTGRES_URL=$(bash scripts/start-postgres.sh "$pg_dir" "$pg_port")
export TIDE_TEST_POSTGRES_URL
TIDE_BIN="$PWD/$tide" python3 -m pytest -q -p no:cacheprovider tests/integration
stop_postgres
pg_dir=""

echo "== swift test (the Spark tests use Spark Connect at $TIDE_TEST_SPARK_URL)"
swift test
