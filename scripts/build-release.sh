#!/usr/bin/env bash
# Builds TideDB's release products (default: tide), safely for incremental builds.
#
# SwiftPM's incremental release build can keep the old memory layout of a type whose
# private stored properties changed in another module (swiftlang/swift#89636); the binary
# then corrupts its own heap. So when any Swift source differs from the last release build,
# every module of ours is recompiled (dependencies stay cached); otherwise nothing is.
set -euo pipefail
cd "$(dirname "$0")/.."
products=("$@")
[ ${#products[@]} -eq 0 ] && products=(tide)
stamp=.build/tide-release-sources.sha1
current=$(find Sources benchmarks Package.swift -name '*.swift' -type f -print0 | sort -z | xargs -0 sha1sum | sha1sum | cut -d' ' -f1)
if [ -d .build ] && [ "$(cat "$stamp" 2>/dev/null)" != "$current" ]; then
    find Sources benchmarks -name '*.swift' -type f -exec touch {} +
fi
for product in "${products[@]}"; do
    swift build -c release --product "$product" >&2
done
mkdir -p .build
echo "$current" > "$stamp"
bash scripts/link-rdkafka.sh .build/release
