import TideCore

/// The errors the online store raises, one factory per condition.
extension TideError {
    /// SQLSTATE `23502` not_null_violation; file-private until TideCore's `SQLState` lists it.
    private static let notNullViolation: SQLState = "23502"

    /// `XX001`: a stored index or row-log entry cannot be decoded.
    static func onlineEntryCorrupted(_ reason: String) -> TideError {
        TideError(.dataCorrupted, "online store entry is corrupted: \(reason)")
    }

    /// `42804`: a row has another number of values than the table has columns.
    static func onlineRowWidth(expected: Int, found: Int) -> TideError {
        TideError(.datatypeMismatch, "the table has \(expected) columns, the row has \(found) values")
    }

    /// `42804`: a row value does not have its column's type.
    static func onlineValueType(column: String, _ type: DataType, _ value: Value) -> TideError {
        let found = value.dataType.map(\.description) ?? "a collection"
        return TideError(
            .datatypeMismatch, "column \"\(column)\" of type \(type) cannot store a value of type \(found)")
    }

    /// `42804`: an index lookup value cannot be compared with its key column.
    static func onlineKeyType(column: String, _ type: DataType, _ value: Value) -> TideError {
        let found = value.dataType.map(\.description) ?? "a collection"
        return TideError(
            .datatypeMismatch, "index key column \"\(column)\" of type \(type) cannot be looked up with a \(found)")
    }

    /// `42704`: the table has no index of that name.
    static func onlineUnknownIndex(table: TableDef, index: String) -> TideError {
        TideError(.undefinedObject, "index \"\(index)\" of table \"\(table.database).\(table.name)\" does not exist")
    }

    /// `42703`: an index names a column the table does not have.
    static func onlineUnknownIndexColumn(index: String, column: String) -> TideError {
        TideError(.undefinedColumn, "column \"\(column)\" of index \"\(index)\" does not exist")
    }

    /// `42804`: an index TS column that is not an integer or timestamp column.
    static func onlineTSColumnType(index: String, column: String, _ type: DataType) -> TideError {
        TideError(
            .datatypeMismatch, "ts column \"\(column)\" of index \"\(index)\" must be bigint or timestamp, not \(type)")
    }

    /// `42804`: a lookup passes another number of key values than the index has key columns.
    static func onlineKeyCount(index: String, expected: Int, found: Int) -> TideError {
        TideError(.datatypeMismatch, "index \"\(index)\" has \(expected) key columns, the lookup gave \(found) values")
    }

    /// `23502`: a NULL in a NOT NULL column, or in the TS column of an index.
    static func onlineNullValue(column: String) -> TideError {
        TideError(notNullViolation, "null value in column \"\(column)\" violates not-null constraint")
    }

    /// `42P01`: a table the store cannot map to its key spaces.
    static func onlineUnknownTable(_ table: TableDef) -> TideError {
        TideError(.undefinedTable, "table \"\(table.database).\(table.name)\" has no online storage")
    }
}
