import Synchronization
import TideCore
import TideDB
import TideStore

/// Runs a database's Kafka connectors, one thread per source. The process that holds the
/// data directory installs it (`Database.installConnectors`); `Database.stopConnectors`
/// stops every thread before the database closes.
public final class KafkaConnectors: ConnectorService {
    private let database: Database
    private let runners = Mutex<[String: KafkaSourceRunner]>([:])

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
            throw TideError(
                .featureNotSupported, "CREATE KAFKA SINK is not supported yet",
                hint: "read features with EXECUTE DEPLOYMENT or the HTTP API")
        }
    }

    public func start(_ record: ConnectorRecord) {
        guard record.kind == .source else { return }
        let runner = runners.withLock { runners -> KafkaSourceRunner? in
            guard runners[record.name] == nil else { return nil }
            let runner = KafkaSourceRunner(record: record, database: database)
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
        let stats = runner.statistics.withLock { $0 }
        return ConnectorStatus(
            state: stats.state.rawValue, partitions: stats.partitionsText, processed: stats.ingested,
            rejected: stats.rejected, lastError: stats.errors.last ?? "",
            freshnessMs: stats.newestEventMs.map { database.clockMs - $0 }, lag: stats.lag,
            lastRejection: stats.lastRejection)
    }
}
