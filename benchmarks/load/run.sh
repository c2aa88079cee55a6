#!/usr/bin/env bash
# Load benchmark of `tide serve` (see benchmarks/README.md, "Load: pgwire and HTTP").
#
#   bash benchmarks/load/run.sh                          # 32 psycopg + 32 HTTP clients x 10,000 requests
#   bash benchmarks/load/run.sh --clients 4 --requests 500   # smoke test
#
# Builds tide and tide-request-bench (release), generates tidebench's small data set into
# $TIDEBENCH_DATA/small (default /tmp/tidebench; kept between runs), starts `tide serve` on
# free ports with a fresh temporary data directory, runs run_load.py (which loads the tables,
# deploys features.sql and measures), stops the server and removes its data directory.
# Extra arguments go to run_load.py. Exit status: run_load.py's (1 on any request error).
# Single-client rows: psycopg, bare libpq (Python), http.client, a bare Python socket, and the
# C client wire_client.c (libpq prepared statement; HTTP over a bare socket), which run_load.py
# compiles once with `cc` (its rows are skipped, with the reason, when that fails).
# Needs: pip install "psycopg[binary]" numpy pyarrow; cc and libpq-dev for the C rows
# Environment: TIDE_BIN and TIDE_REQUEST_BENCH run those binaries instead of building
# (both set: no build), TIDEBENCH_DATA the data root.
set -euo pipefail
cd "$(dirname "$0")/../.."
data_root=${TIDEBENCH_DATA:-/tmp/tidebench}
data=$data_root/small

tide=${TIDE_BIN:-.build/release/tide}
request_bench=${TIDE_REQUEST_BENCH:-.build/release/tide-request-bench}
if [ -z "${TIDE_BIN:-}" ] || [ -z "${TIDE_REQUEST_BENCH:-}" ]; then
    bash scripts/build-release.sh tide tide-request-bench
fi

if [ ! -f "$data/requests.csv" ]; then
    python3 ../shared/bench/gen.py --size small --out "$data"
fi

work=$(mktemp -d "${TMPDIR:-/tmp}/tide-load.XXXXXX")
server_pid=
stop_server() {
    [ -n "$server_pid" ] || return 0
    local pid=$server_pid rc=0
    server_pid=
    if kill -0 "$pid" 2>/dev/null; then
        kill -TERM "$pid"
        for _ in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        if kill -0 "$pid" 2>/dev/null; then
            echo "tide serve did not stop within 10 s of SIGTERM; killing it" >&2
            kill -KILL "$pid"
        fi
    fi
    wait "$pid" 2>/dev/null || rc=$?
    if [ "$rc" -ne 0 ]; then
        echo "tide serve exited with status $rc on SIGTERM; its stderr:" >&2
        tail -40 "$work/serve.err" >&2
    fi
    return "$rc"
}
trap 'stop_server || true; rm -rf "$work"' EXIT

# Port 0: the server picks free ports and prints them on its first stdout line.
"$tide" serve --data "$work/data" --pg-port 0 --http-port 0 --log-level warning \
    >"$work/serve.out" 2>"$work/serve.err" &
server_pid=$!
for _ in $(seq 300); do
    grep -q "HTTP on" "$work/serve.out" 2>/dev/null && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/serve.err" >&2; exit 2; }
    sleep 0.1
done
line=$(grep "HTTP on" "$work/serve.out") || { echo "tide serve did not start" >&2; cat "$work/serve.err" >&2; exit 2; }
pg_port=$(sed -E 's/.*PostgreSQL on [^,]*:([0-9]+),.*/\1/' <<<"$line")
http_port=$(sed -E 's/.*HTTP on .*:([0-9]+)$/\1/' <<<"$line")
echo "$line"

status=0
python3 benchmarks/load/run_load.py --data "$data" --pg-port "$pg_port" --http-port "$http_port" \
    --request-bench "$request_bench" "$@" || status=$?

if ! kill -0 "$server_pid" 2>/dev/null; then
    echo "tide serve exited during the run:" >&2
    tail -40 "$work/serve.err" >&2
    status=3
else
    [ -s "$work/serve.err" ] && { echo "tide serve stderr (last 20 lines):" >&2; tail -20 "$work/serve.err" >&2; }
    stop_server || status=4
fi
exit $status
