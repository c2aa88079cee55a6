#!/usr/bin/env bash
# The one command that installs what TideDB needs, builds it, and starts the shell on an
# embedded data directory (./tide-data unless TIDE_DATA says otherwise).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build-release.sh tide
exec .build/release/tide shell --data "${TIDE_DATA:-./tide-data}" "$@"
