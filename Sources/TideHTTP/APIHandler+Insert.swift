import TideCore
import TideDB
import TideMetrics

/// `PUT /dbs/{db}/tables/{table}`: inserts one row.
extension APIHandler {
    /// Body `{"value": [[v1, v2, ...]]}`: exactly one row, one value per column in table
    /// order, converted like request values. Stored online, atomically.
    func insert(into table: String, in db: String, body: [UInt8]) -> APIReply {
        reply {
            let json = try Self.parseObject(body)
            guard let rows = json["value"]?.arrayValue, rows.count == 1, let values = rows[0].arrayValue else {
                throw APIFailure("Invalid value in body, only support to put one row")
            }
            guard database.databaseExists(db) else {
                throw TideError(.invalidCatalogName, "database \"\(db)\" does not exist")
            }
            guard let definition = database.table(table, in: db) else {
                throw TideError(.undefinedTable, "table \"\(table)\" does not exist in database \"\(db)\"")
            }
            guard values.count == definition.columns.count else {
                throw APIFailure(
                    "column size != schema size: \(definition.name) has \(definition.columns.count) columns, "
                        + "got \(values.count) values")
            }
            let row = try zip(values, definition.columns).map { json, column in
                switch RequestValueDecoder.value(json, type: column.type, notNull: column.notNull) {
                case .success(let value): return value
                case .failure(let mismatch):
                    throw APIFailure("convertion failed for col \(column.name): \(mismatch.reason)")
                }
            }
            let stored = try database.insert([row], into: definition.name, in: definition.database)
            metrics.rowsWritten(database: definition.database, table: definition.name, count: stored)
            return .ok()
        }
    }
}
