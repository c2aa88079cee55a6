/// What a running source has done since the process started, for `SHOW SOURCES`.
struct SourceStatistics: ConnectorStatistics {
    enum State: String, Sendable {
        case starting, running, retrying, stopped, failed
    }

    var state: State = .starting
    var ingested = 0
    var rejected = 0
    /// The latest problems, newest last (at most `keptErrors`).
    var errors: [String] = []
    /// Partition → next offset, as last committed.
    var positions: [Int32: Int64] = [:]
    /// Partition → the end of the partition as last seen.
    var ends: [Int32: Int64] = [:]
    /// Why the latest rejected message was rejected.
    var lastRejection = ""
    /// The Kafka timestamp of the newest ingested message.
    var newestEventMs: Int64?

    static let keptErrors = 5

    mutating func report(_ error: String) {
        errors.append(error)
        if errors.count > Self.keptErrors { errors.removeFirst(errors.count - Self.keptErrors) }
    }

    /// Messages behind the partitions' ends, summed (nil until an end is known).
    var lag: Int64? {
        var total: Int64?
        for (partition, next) in positions where next >= 0 {
            if let end = ends[partition] { total = (total ?? 0) + max(0, end - next) }
        }
        return total
    }

    /// `partition:next offset (lag n)` for each partition.
    var partitionsText: String {
        positions.sorted { $0.key < $1.key }.map { partition, next in
            guard let end = ends[partition], next >= 0 else { return "\(partition):\(next)" }
            return "\(partition):\(next) (lag \(max(0, end - next)))"
        }.joined(separator: " ")
    }
}
