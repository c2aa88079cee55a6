#!/usr/bin/env bash
# Puts librdkafka 2.16 (from the confluent-kafka wheel) next to the built tide binaries, where
# their RUNPATH ($ORIGIN) finds it before Debian's 2.0.2, which cannot talk to the tansu
# broker the tests use (DEPENDENCIES.md §3). Builds still compile against Debian's headers.
# Usage: scripts/link-rdkafka.sh [build dir ...]   (default: .build/debug and .build/release)
set -euo pipefail
cd "$(dirname "$0")/.."
lib=$(python3 -c 'import confluent_kafka,glob,os; d=os.path.join(os.path.dirname(confluent_kafka.__file__),"..","confluent_kafka.libs"); print(os.path.realpath(glob.glob(os.path.join(d,"librdkafka-*.so.1"))[0]))' 2>/dev/null) || {
    echo "link-rdkafka: the confluent-kafka wheel is not installed; Kafka connectors use the system librdkafka" >&2
    exit 0
}
dirs=("$@")
if [ "${#dirs[@]}" -eq 0 ]; then dirs=(.build/debug .build/release); fi
for d in "${dirs[@]}"; do
    [ -d "$d" ] || continue
    ln -sf "$lib" "$d/librdkafka.so.1"
done
