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
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0")
    ],
    targets: [
        // MARK: C libraries from Debian; only TideStore / TideKafka import these.
        .systemLibrary(name: "CRocksDB", pkgConfig: "rocksdb", providers: [.apt(["librocksdb-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),

        // MARK: Pure layers: no network code, no C.
        .target(name: "TideCore", swiftSettings: swiftSettings),
        .target(name: "TideSQL", dependencies: ["TideCore"], swiftSettings: swiftSettings),
        .target(name: "TidePlan", dependencies: ["TideCore", "TideSQL"], swiftSettings: swiftSettings),
        .target(name: "TideExec", dependencies: ["TideCore", "TidePlan"], swiftSettings: swiftSettings),
        .target(name: "TideBatch", dependencies: ["TideExec"], swiftSettings: swiftSettings),
        .target(name: "TideOnline", dependencies: ["TideExec"], swiftSettings: swiftSettings),

        // MARK: Storage and ingest.
        .target(name: "TideStore", dependencies: ["TideCore", "CRocksDB"], swiftSettings: swiftSettings),
        .target(name: "TideKafka", dependencies: ["TideStore", "CRdKafka"], swiftSettings: swiftSettings),

        // MARK: The embeddable database.
        .target(
            name: "TideDB",
            dependencies: ["TideSQL", "TidePlan", "TideBatch", "TideOnline", "TideStore"],
            swiftSettings: swiftSettings
        ),

        // MARK: Front ends and the process.
        .target(name: "TideWire", dependencies: ["TideDB"], swiftSettings: swiftSettings),
        .target(name: "TideHTTP", dependencies: ["TideDB"], swiftSettings: swiftSettings),
        .target(name: "TideShell", dependencies: ["TideDB", "TideWire"], swiftSettings: swiftSettings),
        .target(
            name: "TideServer",
            dependencies: ["TideWire", "TideHTTP", "TideKafka", "TideShell"],
            swiftSettings: swiftSettings
        ),
        .executableTarget(
            name: "tide",
            dependencies: [
                "TideServer", "TideShell",
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
        .testTarget(name: "TideKafkaTests", dependencies: ["TideKafka"], swiftSettings: swiftSettings),
        .testTarget(
            name: "TideShellTests",
            dependencies: ["TideShell", "TideTestSupport"],
            swiftSettings: swiftSettings
        ),
    ]
)
