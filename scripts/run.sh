#!/usr/bin/env bash
# The one command that installs what TideDB needs, builds it, and runs it on a data directory
# (./tide-data unless TIDE_DATA says otherwise):
#   bash scripts/run.sh            the shell on an embedded data directory
#   bash scripts/run.sh serve      `tide serve`: PostgreSQL protocol on 127.0.0.1:5433, HTTP API on :9080
# Further arguments go to the tide command (e.g. `bash scripts/run.sh serve --pg-port 6543`).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-release.sh tide
if [ "${1:-}" = "serve" ]; then
    shift
    exec .build/release/tide serve --data "${TIDE_DATA:-./tide-data}" "$@"
fi
exec .build/release/tide shell --data "${TIDE_DATA:-./tide-data}" "$@"
