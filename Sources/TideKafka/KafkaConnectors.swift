import Synchronization
import TideCore
import TideDB
import TidePlan
import TideStore

/// Runs a database's Kafka connectors, one thread per source. The process that holds the
/// data directory installs it (`Database.installConnectors`); `Database.stopConnectors`
/// stops every thread before the database closes.
public final class KafkaConnectors: ConnectorService {
    private let database: Database
    private let runners = Mutex<[String: any ConnectorRunner]>([:])

    public init(database: Database) {
        self.database = database
    }

    public func validate(_ record: ConnectorRecord) throws {
        switch record.kind {
        case .source:
            let (table, _) = try database.ingestTable(database: record.database, name: record.target)
            guard !table.indexes.isEmpty else {
                throw TideError(
                    .featureNotSupported, "table \(table.name) has no index, so it has no online rows to write")
            }
            _ = try KafkaSourceOptions(record.options, table: table)
        case .sink:
            let deployment = try database.prepare(deployment: record.target, in: record.database)
            _ = try KafkaSinkOptions(record.options, outputColumns: deployment.columns.map(\.name))
        }
    }

    public func start(_ record: ConnectorRecord) {
        let runner = runners.withLock { runners -> (any ConnectorRunner)? in
            guard runners[record.name] == nil else { return nil }
            let runner: any ConnectorRunner =
                switch record.kind {
                case .source: KafkaSourceRunner(record: record, database: database)
                case .sink: KafkaSinkRunner(record: record, database: database)
                }
            runners[record.name] = runner
            return runner
        }
        runner?.start()
    }

    public func stop(name: String) {
        let runner = runners.withLock { $0.removeValue(forKey: name) }
        runner?.stop()
    }

    public func stopAll() {
        let all = runners.withLock { runners in
            defer { runners = [:] }
            return Array(runners.values)
        }
        for runner in all { runner.stop() }
    }

    public func status(of record: ConnectorRecord) -> ConnectorStatus {
        guard let runner = runners.withLock({ $0[record.name] }), runner.record.id == record.id else {
            return ConnectorStatus(state: record.running ? "not started" : "stopped")
        }
        return runner.status(now: database.clockMs)
    }
}

/// A running source or sink.
protocol ConnectorRunner: Sendable {
    var record: ConnectorRecord { get }
    func start()
    func stop()
    func status(now: Int64) -> ConnectorStatus
}

extension KafkaSourceRunner: ConnectorRunner {
    func status(now: Int64) -> ConnectorStatus {
        let stats = loop.statistics.withLock { $0 }
        return ConnectorStatus(
            state: stats.state.rawValue, partitions: stats.partitionsText, processed: stats.ingested,
            rejected: stats.rejected, lastError: stats.errors.last ?? "",
            freshnessMs: stats.newestEventMs.map { now - $0 }, lag: stats.lag, lastRejection: stats.lastRejection)
    }
}

extension KafkaSinkRunner: ConnectorRunner {
    func status(now: Int64) -> ConnectorStatus {
        let stats = loop.statistics.withLock { $0 }
        // Before the sink found its position there is nothing to say about lag.
        let known = stats.state != .starting
        let lag = known ? Int64(stats.newest > stats.position ? stats.newest - stats.position : 0) : nil
        return ConnectorStatus(
            state: stats.state.rawValue, partitions: lag.map { "seq \(stats.position) (lag \($0))" } ?? "",
            processed: stats.published,
            rejected: stats.failed, lastError: stats.errors.last ?? "",
            freshnessMs: stats.lastPublishMs.map { now - $0 }, lag: lag)
    }
}
