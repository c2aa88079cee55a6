import TideCore
import TidePlan
import TideSQL
import TideStore

/// Dispatches a statement to the command that runs it. The switch is exhaustive, so a new
/// statement kind does not compile until it is handled or explicitly rejected.
struct StatementRunner {
    let session: Session

    func run(_ statement: Statement) throws -> StatementResult {
        if session.database.isReadOnly { try ReadOnlyGate.check(statement) }
        switch statement {
        case .query(let query): return try QueryCommand(session: session).run(query)
        case .explain(let inner): return try ExplainCommand(session: session).run(inner)
        case .createDatabase(let name, let ifNotExists):
            _ = try session.database.catalog.createDatabase(name.name, ifNotExists: ifNotExists)
            return StatementResult(tag: "CREATE DATABASE")
        case .dropDatabase(let name, let ifExists):
            if try session.database.catalog.dropDatabase(name.name, ifExists: ifExists) {
                session.database.offline.removeDatabaseDirectory(name.name)
            }
            if session.currentDatabase == name.name { session.currentDatabase = "" }
            return StatementResult(tag: "DROP DATABASE")
        case .use(let name):
            guard session.database.catalog.databaseExists(name.name) else {
                throw TideError(
                    .invalidCatalogName, "database \"\(name)\" does not exist", position: name.location.location)
            }
            session.currentDatabase = name.name
            return StatementResult(tag: "USE")
        case .createTable(let create): return try TableCommands(session: session).create(create)
        case .dropTable(let name, let ifExists):
            return try TableCommands(session: session).drop(name, ifExists: ifExists)
        case .truncateTable(let name): return try TableCommands(session: session).truncate(name)
        case .describe(let name): return try TableCommands(session: session).describe(name)
        case .show(let show): return try ShowCommand(session: session).run(show)
        case .set(let set): return try SetCommand(session: session).run(set)
        case .insert(let insert): return try InsertCommand(session: session).run(insert)
        case .loadData(let load): return try LoadDataCommand(session: session).run(load)
        case .createIndex(let create): return try OnlineDataCommands(session: session).createIndex(create)
        case .delete(let table, let condition):
            return try OnlineDataCommands(session: session).delete(table, where: condition)
        case .deploy(let deploy): return try DeployCommand(session: session).deploy(deploy)
        case .dropDeployment(let name, let ifExists):
            return try DeployCommand(session: session).drop(name, ifExists: ifExists)
        case .executeDeployment(let name, let rows):
            return try DeployCommand(session: session).execute(name, rows: rows)
        case .verifyDeployment(let verify): return try VerifyDeploymentCommand(session: session).run(verify)
        case .dropIndex, .alterTable:
            throw unsupported(statement, "changing an existing table's indexes or offline paths is not supported yet")
        case .createUser(let name, let ifNotExists, let options):
            return try UserCommands(session: session).create(name, ifNotExists: ifNotExists, options: options)
        case .alterUser(let name, let ifExists, let options):
            return try UserCommands(session: session).alter(name, ifExists: ifExists, options: options)
        case .dropUser(let name, let ifExists):
            return try UserCommands(session: session).drop(name, ifExists: ifExists)
        case .createProcedure, .dropProcedure, .call:
            throw unsupported(statement, "stored procedures are not supported; use DEPLOY")
        case .createFunction, .dropFunction, .functionScript:
            throw unsupported(statement, "user-defined functions are not supported yet")
        case .connector(let connector): return try ConnectorCommands(session: session).run(connector)
        case .exit:
            // The script or shell running the statement stops after it.
            return StatementResult(tag: "EXIT")
        case .stopJob:
            throw unsupported(statement, "offline jobs run synchronously in TideDB; there is no job to stop")
        }
    }

    private func unsupported(_ statement: Statement, _ why: String) -> TideError {
        let text = SQLPrinter.print(statement)
        let words = text.split(separator: " ").prefix(2).joined(separator: " ")
        return TideError(.featureNotSupported, "\(words) is not supported: \(why)")
    }
}
