import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// DELETE and CREATE INDEX on the online store.
struct OnlineDataCommands {
    let session: Session

    func delete(_ name: QualifiedName, where condition: Expr?) throws -> StatementResult {
        let table = try TableCommands(session: session).table(name)
        guard let record = session.database.catalog.tableRecord(database: table.database, name: table.name) else {
            throw TideError(.undefinedTable, "table \"\(name)\" does not exist")
        }
        if let condition { try DeleteKeyCondition.refuseDisjunction(condition) }
        if let condition, let keys = try DeleteKeyCondition(condition, table: table, context: session.functionContext) {
            let count = try session.database.online.delete(table: table, tableID: record.id) { keys.matches($0) }
            return StatementResult(tag: "DELETE", affectedRows: count)
        }
        let predicate: RowEvaluator? = try condition.map { expr in
            let binder = Binder(catalog: session.database.catalog, database: table.database)
            let scope = ScanNode(table: table, alias: table.name)
            let bound = try binder.bindStandalone(expr, over: scope.columns)
            return try RowEvaluator(bound, context: session.functionContext)
        }
        let count = try session.database.online.delete(table: table, tableID: record.id) { row in
            try predicate.map { Predicates.isTrue(try $0.evaluate(row)) } ?? true
        }
        return StatementResult(tag: "DELETE", affectedRows: count)
    }

    func createIndex(_ statement: CreateIndexStatement) throws -> StatementResult {
        var table = try TableCommands(session: session).table(statement.table)
        guard let record = session.database.catalog.tableRecord(database: table.database, name: table.name) else {
            throw TideError(.undefinedTable, "table \"\(statement.table)\" does not exist")
        }
        if table.indexes.contains(where: { $0.name == statement.name.name }) {
            throw TideError(.duplicateObject, "index \"\(statement.name)\" already exists")
        }
        let index = try TableDefBuilder.buildIndex(
            name: statement.name.name, options: statement.options, keyColumns: statement.columns.map(\.name),
            table: table, at: statement.name.location.location)
        table.indexes.append(index)
        // Built first, recorded once complete (a kill meanwhile leaves no trace in the catalog).
        try session.database.online.backfill(index: index, table: table, tableID: record.id) {
            _ = try session.database.catalog.replaceTable(table)
        }
        return StatementResult(tag: "CREATE INDEX")
    }
}
