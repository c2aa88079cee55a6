import TideCore
import TideSQL
import TideStore

/// `CREATE KAFKA SOURCE|SINK`, `START`/`STOP`/`DROP SOURCE|SINK`, `SHOW SOURCES|SINKS`.
/// The catalog holds the connectors; the installed `ConnectorService` runs them.
struct ConnectorCommands {
    let session: Session

    func run(_ statement: ConnectorStatement) throws -> StatementResult {
        switch statement {
        case .createSource(let name, let ifNotExists, let table, let options):
            let definition = try TableCommands(session: session).table(table)
            return try create(
                name, kind: .source, database: definition.database, target: definition.name, options: options,
                ifNotExists: ifNotExists)
        case .createSink(let name, let ifNotExists, let deployment, let options):
            let db = try TableCommands(session: session).currentDatabase(
                deployment.parts.count == 2 ? deployment.parts[0] : nil)
            guard let record = session.database.catalog.deployment(database: db, name: deployment.name.name) else {
                throw TideError(
                    .undefinedObject, "deployment \"\(deployment)\" does not exist",
                    position: deployment.location.location)
            }
            return try create(
                name, kind: .sink, database: record.database, target: record.name, options: options,
                ifNotExists: ifNotExists)
        case .start(let kind, let name):
            let service = try requireService()
            let record = try session.database.catalog.setConnectorRunning(name.name, kind: kind.record, running: true)
            service.start(record)
            return StatementResult(tag: "START \(kind.rawValue)")
        case .stop(let kind, let name):
            let record = try session.database.catalog.setConnectorRunning(name.name, kind: kind.record, running: false)
            session.database.connectorService?.stop(name: record.name)
            return StatementResult(tag: "STOP \(kind.rawValue)")
        case .drop(let kind, let name, let ifExists):
            guard
                let record = try session.database.catalog.dropConnector(
                    name.name, kind: kind.record, ifExists: ifExists)
            else { return StatementResult(tag: "DROP \(kind.rawValue)") }
            session.database.connectorService?.stop(name: record.name)
            try session.database.online.deletePositions(connectorID: record.id)
            return StatementResult(tag: "DROP \(kind.rawValue)")
        }
    }

    /// `SHOW SOURCES` / `SHOW SINKS`.
    func show(_ kind: ConnectorRecord.Kind) throws -> StatementResult {
        let rows = try session.database.connectorStatuses(kind).map { record, status in
            [
                record.name, "\(record.database).\(record.target)", record.options["topic"] ?? "", status.state,
                status.partitions, String(status.processed), String(status.rejected), status.lastError,
                status.freshnessMs.map(String.init) ?? "",
            ]
        }
        let columns =
            kind == .source
            ? [
                "Source", "Table", "Topic", "State", "Partitions", "Rows_ingested", "Rows_rejected", "Last_error",
                "Freshness_ms",
            ]
            : [
                "Sink", "Deployment", "Topic", "State", "Partitions", "Messages_published", "Messages_failed",
                "Last_error", "Freshness_ms",
            ]
        return .text(tag: "SHOW", columns: columns, rows: rows)
    }

    private func create(
        _ name: Identifier, kind: ConnectorRecord.Kind, database: String, target: String, options: OptionList,
        ifNotExists: Bool
    ) throws -> StatementResult {
        let service = try requireService()
        var values: [String: String] = [:]
        for entry in options.entries {
            let key = entry.name.name.lowercased()
            guard values[key] == nil else {
                throw TideError(
                    .invalidParameterValue, "option \(key) is given twice", position: entry.name.location.location)
            }
            values[key] = try StatementOptions.text(entry.value)
        }
        let record = ConnectorRecord(
            name: name.name, kind: kind, id: 0, database: database, target: target, options: values, running: true,
            createdAtMs: 0)
        try service.validate(record)
        let tag = "CREATE KAFKA \(kind == .source ? "SOURCE" : "SINK")"
        guard let stored = try session.database.catalog.createConnector(record, ifNotExists: ifNotExists) else {
            return StatementResult(tag: tag)
        }
        service.start(stored)
        return StatementResult(tag: tag)
    }

    private func requireService() throws -> any ConnectorService {
        guard let service = session.database.connectorService else {
            throw TideError(
                .featureNotSupported, "Kafka connectors do not run in this process",
                hint: "run the statement in tide serve, tide shell or tide run, which hold the data directory")
        }
        return service
    }
}

extension ConnectorKind {
    /// The catalog's kind for this statement kind.
    var record: ConnectorRecord.Kind {
        switch self {
        case .source: return .source
        case .sink: return .sink
        }
    }
}
