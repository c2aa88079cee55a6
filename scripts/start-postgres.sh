#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server for the tests that compare TideDB's clients with
# PostgreSQL itself (`tide shell --connect` against PostgreSQL). Prints the connection URL.
#   url=$(bash scripts/start-postgres.sh DIR PORT)   # stop: pg_ctl -D DIR/data stop
set -euo pipefail
dir=$1
port=$2
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
mkdir -p "$dir"
chown postgres "$dir" 2>/dev/null || true
run() { if [ "$(id -u)" -eq 0 ]; then su postgres -s /bin/bash -c "$*"; else bash -c "$*"; fi; }
run "'$bin/initdb' -D '$dir/data' -A trust -U postgres >'$dir/initdb.log' 2>&1"
run "'$bin/pg_ctl' -D '$dir/data' -o '-p $port -k $dir -c listen_addresses=127.0.0.1' -l '$dir/server.log' -w start >/dev/null"
echo "postgresql://postgres@127.0.0.1:$port/postgres"
