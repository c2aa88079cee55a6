// swift-tools-version:6.1
import PackageDescription

// Upcoming features every target opts into (postgres-nio, hummingbird do the same).
let swiftSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "tidedb",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "tide", targets: ["tide"]),
        .library(name: "TideDB", targets: ["TideDB"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-crypto", from: "3.12.3"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        // Spark Connect (TideSpark only): gRPC over HTTP/2 and the protobuf runtime.
        .package(url: "https://github.com/grpc/grpc-swift-2", from: "2.4.3"),
        .package(url: "https://github.com/grpc/grpc-swift-nio-transport", from: "2.9.2"),
        .package(url: "https://github.com/grpc/grpc-swift-protobuf", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
    ],
    targets: [
        // MARK: C libraries from Debian; only TideStore / TideKafka import these.
        .systemLibrary(name: "CRocksDB", providers: [.apt(["librocksdb-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        .systemLibrary(name: "CLibPQ", pkgConfig: "libpq", providers: [.apt(["libpq-dev"])]),
        .systemLibrary(
            name: "CCompression", providers: [.apt(["libsnappy-dev", "libzstd-dev", "zlib1g-dev"])]),

        // MARK: Pure layers: no network code, no C.
        .target(name: "TideCore", swiftSettings: swiftSettings),
        .target(name: "TideSQL", dependencies: ["TideCore"], swiftSettings: swiftSettings),
        .target(name: "TidePlan", dependencies: ["TideCore", "TideSQL"], swiftSettings: swiftSettings),
        .target(name: "TideExec", dependencies: ["TideCore", "TidePlan"], swiftSettings: swiftSettings),
        .target(name: "TideBatch", dependencies: ["TideExec"], swiftSettings: swiftSettings),
        .target(name: "TideOnline", dependencies: ["TideExec"], swiftSettings: swiftSettings),

        // MARK: Storage and ingest.
        .target(
            name: "TideStore", dependencies: ["TideCore", "CRocksDB", "CCompression", "CLibPQ"],
            swiftSettings: swiftSettings),
        .target(
            name: "TideKafka", dependencies: ["TideDB", "TideExec", "TidePlan", "TideStore", "CRdKafka"],
            swiftSettings: swiftSettings),

        // MARK: The embeddable database.
        .target(
            name: "TideDB",
            dependencies: [
                "TideSQL", "TidePlan", "TideBatch", "TideOnline", "TideStore",
                // SHA-256 and HMAC for the SCRAM credentials CREATE USER derives.
                .product(name: "Crypto", package: "swift-crypto"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Front ends and the process.
        // TideMetrics: the counters and histograms every front end records (swift-metrics API).
        .target(
            name: "TideMetrics",
            dependencies: [
                "TideDB", "TideStore",
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: swiftSettings
        ),
        // TideNetworking: what both network front ends share (open connections, in-flight jobs).
        .target(
            name: "TideNetworking",
            dependencies: [
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TideWire",
            dependencies: [
                "TideDB", "TideMetrics", "TideNetworking", "CLibPQ",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(
            name: "TideHTTP",
            dependencies: [
                "TideDB", "TideMetrics", "TideNetworking",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: swiftSettings
        ),
        // TideSpark: offline queries on Apache Spark through Spark Connect; the only importer of gRPC.
        .target(
            name: "TideSpark",
            dependencies: [
                "TideDB", "TidePlan", "TideStore",
                .product(name: "GRPCCore", package: "grpc-swift-2"),
                .product(name: "GRPCNIOTransportHTTP2", package: "grpc-swift-nio-transport"),
                .product(name: "GRPCProtobuf", package: "grpc-swift-protobuf"),
                .product(name: "SwiftProtobuf", package: "swift-protobuf"),
            ],
            swiftSettings: swiftSettings
        ),
        .target(name: "TideShell", dependencies: ["TideDB", "TideWire"], swiftSettings: swiftSettings),
        .target(
            name: "TideServer",
            dependencies: [
                "TideWire", "TideHTTP", "TideKafka", "TideShell", "TideMetrics", "TideSpark",
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tide",
            dependencies: [
                "TideServer", "TideShell", "TideKafka", "TideSpark",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: swiftSettings
        ),

        // MARK: Benchmarks (run by hand; see benchmarks/README.md).
        .executableTarget(
            name: "tide-request-bench",
            dependencies: ["TideDB"],
            path: "benchmarks/RequestLatency",
            swiftSettings: swiftSettings
        ),

        // MARK: Fuzzing: the harness (Tests/Fuzz) and its long run (benchmarks/Fuzz).
        .target(
            name: "TideFuzzing",
            dependencies: ["TideDB", "TideTestSupport"],
            path: "Tests/Fuzz/Sources",
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tide-fuzz",
            dependencies: ["TideFuzzing"],
            path: "benchmarks/Fuzz",
            swiftSettings: swiftSettings
        ),

        // MARK: Tests.
        .target(
            name: "TideTestSupport",
            dependencies: ["TideCore", "TideSQL", "TidePlan", "TideExec"],
            path: "Tests/TideTestSupport",
            swiftSettings: swiftSettings
        ),
        .testTarget(name: "TideCoreTests", dependencies: ["TideCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TideSQLTests",
            dependencies: ["TideSQL", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TidePlanTests",
            dependencies: ["TidePlan", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideExecTests",
            dependencies: ["TideExec", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideBatchTests",
            dependencies: ["TideBatch", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideOnlineTests",
            dependencies: ["TideOnline", "TideBatch", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideStoreTests", dependencies: ["TideStore", "TideTestSupport"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TideSparkTests", dependencies: ["TideSpark", "TideDB", "TideShell", "TideTestSupport"],
            exclude: ["Fixtures"],
            swiftSettings: swiftSettings),
        .testTarget(name: "TideKafkaTests", dependencies: ["TideKafka", "TideCore"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TideWireTests",
            dependencies: ["TideWire", "TideNetworking", "TideMetrics", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideHTTPTests",
            dependencies: ["TideHTTP", "TideServer", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
        .testTarget(
            name: "TideShellTests",
            dependencies: ["TideShell", "TideTestSupport", "TideFuzzing"],
            swiftSettings: swiftSettings
        ),
    ]
)
