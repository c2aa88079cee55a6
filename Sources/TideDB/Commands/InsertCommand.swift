import TideCore
import TideExec
import TidePlan
import TideSQL
import TideStore

/// INSERT: evaluates the VALUES rows, converts them to the column types and appends them
/// atomically (all rows of the statement or none).
struct InsertCommand {
    let session: Session

    func run(_ insert: InsertStatement) throws -> StatementResult {
        let table = try TableCommands(session: session).table(insert.table)
        let rows = try InsertRows.evaluate(insert, table: table, context: session.functionContext)
        switch session.executeMode {
        case .offline:
            guard !insert.orIgnore else {
                throw TideError(
                    .featureNotSupported, "INSERT OR IGNORE applies to the online store",
                    hint: "SET @@execute_mode = 'online' first")
            }
            // TideDB extension: offline INSERT appends to the offline store (OpenMLDB has no offline INSERT).
            let writer = try session.database.offline.writer(for: table, mode: .append)
            do {
                try writer.append(ColumnBatch(rows: rows, width: table.columns.count))
                try writer.commit()
            } catch {
                writer.abort()
                throw error
            }
        case .online, .request:
            guard let record = session.database.catalog.tableRecord(database: table.database, name: table.name) else {
                throw TideError(.undefinedTable, "table \"\(insert.table)\" does not exist")
            }
            let stored = try session.database.online.insert(
                rows, into: table, tableID: record.id, ignoringDuplicates: insert.orIgnore)
            var expired = ExpiredRowCounter(table: table, now: session.database.online.clock())
            expired.add(rows)
            return StatementResult(tag: "INSERT", affectedRows: stored.count, warnings: expired.warnings)
        }
        return StatementResult(tag: "INSERT", affectedRows: rows.count)
    }
}

/// The rows of an INSERT, evaluated and converted to the table's column types.
enum InsertRows {
    static func evaluate(_ insert: InsertStatement, table: TableDef, context: FunctionContext) throws -> [[Value]] {
        let positions: [Int]
        if let columns = insert.columns {
            positions = try columns.map { name in
                guard let i = table.columnIndex(name.name) else {
                    throw TideError(
                        .undefinedColumn, "column \"\(name)\" of table \"\(table.name)\" does not exist",
                        position: name.location.location)
                }
                return i
            }
        } else {
            positions = Array(table.columns.indices)
        }
        let binder = ConstantBinder()
        var rows: [[Value]] = []
        for values in insert.rows {
            guard values.count == positions.count else {
                throw TideError(
                    .syntaxError, "INSERT has \(values.count) values for \(positions.count) columns",
                    position: values.first?.location.location)
            }
            var row = try table.columns.map { column -> Value in
                guard let text = column.defaultValue else { return .null }
                return try evaluate(try Parser.parseExpression(text), binder: binder, into: column, context: context)
            }
            for (value, position) in zip(values, positions) {
                row[position] = try evaluate(value, binder: binder, into: table.columns[position], context: context)
            }
            for (column, value) in zip(table.columns, row) where column.notNull && value.isNull {
                throw TideError("23502", "null value in column \"\(column.name)\" violates its NOT NULL constraint")
            }
            rows.append(row)
        }
        return rows
    }

    private static func evaluate(_ expr: Expr, binder: ConstantBinder, into column: ColumnDef, context: FunctionContext)
        throws -> Value
    {
        let bound = try binder.bind(expr)
        let value = try RowEvaluator(bound, context: context).evaluate([])
        return try AssignmentCast.assign(value, to: column, context: context, position: expr.location.location)
    }
}
