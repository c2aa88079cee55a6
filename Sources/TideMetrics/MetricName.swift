import Prometheus

/// Every TideDB metric: its Prometheus name (the raw value) and help text. A name's help
/// text must not change between registrations (the registry rejects a mismatch), so both
/// live only here.
enum MetricName: String, CaseIterable {
    case statements = "tide_statements_total"
    case statementErrors = "tide_statement_errors_total"
    case deploymentRequests = "tide_deployment_requests_total"
    case deploymentErrors = "tide_deployment_request_errors_total"
    case deploymentLatency = "tide_deployment_request_seconds"
    case connections = "tide_open_connections"
    case rowsWritten = "tide_rows_written_total"
    case rocksSize = "tide_rocksdb_size_bytes"
    case cacheHits = "tide_rocksdb_block_cache_hits_total"
    case cacheMisses = "tide_rocksdb_block_cache_misses_total"
    case cacheHitRatio = "tide_rocksdb_block_cache_hit_ratio"

    /// The `# HELP` line's text.
    var help: String {
        switch self {
        case .statements: return "SQL statements executed."
        case .statementErrors: return "SQL statements that failed, by SQLSTATE class."
        case .deploymentRequests: return "Deployment requests served."
        case .deploymentErrors: return "Deployment requests that failed."
        case .deploymentLatency: return "Deployment request latency in seconds."
        case .connections: return "Open client connections, by protocol."
        case .rowsWritten: return "Rows stored into online tables."
        case .rocksSize: return "Bytes of RocksDB SST files and memtables."
        case .cacheHits: return "RocksDB block cache hits since the database was opened."
        case .cacheMisses: return "RocksDB block cache misses since the database was opened."
        case .cacheHitRatio: return "RocksDB block cache hits over all lookups since the database was opened."
        }
    }

    /// The descriptor the registry's `make*` functions take.
    var descriptor: MetricNameDescriptor {
        MetricNameDescriptor(metricName: rawValue, unitName: "", helpText: help)
    }

    /// Deployment latency buckets, 50µs to 1s (1-2.5-5 per decade).
    static let latencyBuckets: [Duration] = [
        .microseconds(50), .microseconds(100), .microseconds(250), .microseconds(500), .microseconds(750),
        .milliseconds(1), .microseconds(1500), .microseconds(2500), .milliseconds(5), .milliseconds(10),
        .milliseconds(25),
        .milliseconds(50), .milliseconds(100), .milliseconds(250), .milliseconds(500), .seconds(1),
    ]
}
