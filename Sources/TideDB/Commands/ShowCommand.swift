import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// The SHOW family.
struct ShowCommand {
    let session: Session

    func run(_ show: ShowStatement) throws -> StatementResult {
        let catalog = session.database.catalog
        switch show {
        case .databases:
            return .text(tag: "SHOW", columns: ["Databases"], rows: catalog.listDatabases().map { [$0] })
        case .tables:
            let db = try TableCommands(session: session).currentDatabase(nil)
            return .text(tag: "SHOW", columns: ["Tables"], rows: try catalog.listTables(database: db).map { [$0.name] })
        case .createTable(let name):
            let table = try TableCommands(session: session).table(name)
            return .text(tag: "SHOW", columns: ["Table", "Create Table"], rows: [[table.name, TableDDL.text(table)]])
        case .tableStatus(let like):
            let db = try TableCommands(session: session).currentDatabase(nil)
            var rows: [[String]] = []
            for record in try catalog.tableRecords(database: db) {
                let table = record.definition
                if let like, !LikePattern.matches(table.name, pattern: like, caseInsensitive: true) { continue }
                let online = try session.database.online.rowCount(table: table, tableID: record.id)
                let offline = try session.database.offline.rowCount(table)
                rows.append([table.database, table.name, String(online), String(offline)])
            }
            return .text(tag: "SHOW", columns: ["Database", "Table", "Online_rows", "Offline_rows"], rows: rows)
        case .variables:
            var rows = [
                ["execute_mode", session.executeMode.rawValue], ["time_zone", session.timeZone.description],
                ["offline_engine", session.offlineEngine?.description ?? "local"],
            ]
            rows += session.variables.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
            return .text(tag: "SHOW", columns: ["Variable_name", "Value"], rows: rows)
        case .functions(let like):
            return .text(tag: "SHOW", columns: Self.functionColumns, rows: Self.functionRows(like: like))
        case .deployments:
            let db = try TableCommands(session: session).currentDatabase(nil)
            let rows = try catalog.listDeployments(database: db).map { [$0.database, $0.name] }
            return .text(tag: "SHOW", columns: ["Database", "Deployment"], rows: rows)
        case .sources: return try ConnectorCommands(session: session).show(.source)
        case .sinks: return try ConnectorCommands(session: session).show(.sink)
        case .deployment(let name):
            let db = try TableCommands(session: session).currentDatabase(name.parts.count == 2 ? name.parts[0] : nil)
            guard let record = catalog.deployment(database: db, name: name.name.name) else {
                throw TideError(
                    .undefinedObject, "deployment \"\(name)\" does not exist", position: name.location.location)
            }
            return .text(
                tag: "SHOW", columns: ["Database", "Deployment", "SQL"],
                rows: [[record.database, record.name, record.sql]])
        case .procedureStatus, .createProcedure, .components, .jobs, .job, .jobLog:
            throw TideError(.featureNotSupported, "\(SQLPrinter.print(.show(show))) is not supported")
        }
    }
}
