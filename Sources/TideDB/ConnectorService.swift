import TideStore

/// What runs Kafka connectors for a database. TideDB stores connectors in the catalog and
/// answers their statements; the process that holds the data directory (`tide serve`, the
/// shell, `tide run`) installs the service that runs them (TideKafka's `KafkaConnectors`),
/// so TideDB itself never links librdkafka.
public protocol ConnectorService: AnyObject, Sendable {
    /// Checks a connector's options before it is stored.
    /// - Throws: `22023` for an unknown or malformed option, `42P01`/`42704` for a target
    ///   that does not fit.
    func validate(_ record: ConnectorRecord) throws
    /// Starts running `record` (created, started, or found running at open); a connector
    /// already running is left alone.
    func start(_ record: ConnectorRecord)
    /// Stops connector `name` and returns once its thread has finished its current batch.
    func stop(name: String)
    /// Stops every connector (the process is shutting down; their records stay as they are).
    func stopAll()
    /// What `SHOW SOURCES` / `SHOW SINKS` report for `record`.
    func status(of record: ConnectorRecord) -> ConnectorStatus
}

/// One connector's line in `SHOW SOURCES` / `SHOW SINKS`.
public struct ConnectorStatus: Sendable, Hashable {
    /// `running`, `stopped`, `retrying` (the broker is unreachable), or `failed`.
    public var state: String
    /// Per partition: `partition:next offset` and the lag behind the partition's end.
    public var partitions: String
    /// Rows stored (sources) or messages published (sinks) since the process started.
    public var processed: Int
    /// Messages rejected since the process started.
    public var rejected: Int
    /// The latest errors, newest first ("" if none).
    public var lastError: String
    /// Now minus the newest ingested event time, in milliseconds (nil before the first row).
    public var freshnessMs: Int64?
    /// Messages behind the ends of the partitions, summed (nil while unknown).
    public var lag: Int64?
    /// Why the latest rejected message was rejected ("" if none was).
    public var lastRejection: String

    public init(
        state: String, partitions: String = "", processed: Int = 0, rejected: Int = 0, lastError: String = "",
        freshnessMs: Int64? = nil, lag: Int64? = nil, lastRejection: String = ""
    ) {
        self.state = state
        self.partitions = partitions
        self.processed = processed
        self.rejected = rejected
        self.lastError = lastError
        self.freshnessMs = freshnessMs
        self.lag = lag
        self.lastRejection = lastRejection
    }
}
