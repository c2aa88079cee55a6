#!/usr/bin/env bash
# Regenerates Sources/TideSpark/Generated from proto/spark/connect/*.proto. The generated
# code is committed, so builds and CI need neither protoc nor the plugin; run this only after
# changing the .proto. Needs: apt-get install -y protobuf-compiler, and protoc-gen-swift built
# from the swift-protobuf version Package.swift names:
#   git clone -b 1.39.0 https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && swift build -c release --product protoc-gen-swift)
#   PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift bash scripts/generate-spark-proto.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugin="${PROTOC_GEN_SWIFT:-$(command -v protoc-gen-swift || true)}"
if [ -z "$plugin" ]; then
    echo "set PROTOC_GEN_SWIFT to a protoc-gen-swift binary (see the comment at the top)" >&2
    exit 2
fi
protoc --plugin=protoc-gen-swift="$plugin" --proto_path=proto \
    --swift_opt=Visibility=Internal --swift_out=Sources/TideSpark/Generated \
    proto/spark/connect/*.proto
