/// What a running sink has done since the process started, for `SHOW SINKS`.
struct SinkStatistics: ConnectorStatistics {
    var state: SourceStatistics.State = .starting
    var published = 0
    /// Rows whose features could not be computed (reported, not published).
    var failed = 0
    /// Rows the deployment's WHERE dropped (nothing to publish).
    var filtered = 0
    var errors: [String] = []
    /// The seq of the last row published.
    var position: UInt64 = 0
    /// The seq of the table's newest row, as last seen.
    var newest: UInt64 = 0
    /// When the broker last acknowledged a round of messages (milliseconds since the epoch).
    var lastPublishMs: Int64?

    mutating func report(_ error: String) {
        errors.append(error)
        if errors.count > SourceStatistics.keptErrors { errors.removeFirst(errors.count - SourceStatistics.keptErrors) }
    }
}
