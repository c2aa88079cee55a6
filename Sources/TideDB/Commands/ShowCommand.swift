import TideCore
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
        case .tableStatus:
            let db = try TableCommands(session: session).currentDatabase(nil)
            var rows: [[String]] = []
            for table in try catalog.listTables(database: db) {
                rows.append([table.database, table.name, String(try session.database.offline.rowCount(table))])
            }
            return .text(tag: "SHOW", columns: ["Database", "Table", "Offline_rows"], rows: rows)
        case .variables:
            var rows = [["execute_mode", session.executeMode.rawValue], ["time_zone", session.timeZone.description]]
            rows += session.variables.sorted { $0.key < $1.key }.map { [$0.key, $0.value] }
            return .text(tag: "SHOW", columns: ["Variable_name", "Value"], rows: rows)
        case .functions:
            let rows = FunctionCatalog.listing.map { [$0.name, $0.kind, $0.aliases, $0.signatures, $0.summary] }
            return .text(tag: "SHOW", columns: ["name", "kind", "aliases", "signatures", "summary"], rows: rows)
        case .deployments:
            let db = try TableCommands(session: session).currentDatabase(nil)
            let rows = try catalog.listDeployments(database: db).map { [$0.database, $0.name] }
            return .text(tag: "SHOW", columns: ["Database", "Deployment"], rows: rows)
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
