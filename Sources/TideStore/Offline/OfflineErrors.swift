import TideCore

/// The errors the offline store raises, one factory per condition.
extension TideError {
    private static let objectInUse: SQLState = "55006"
    private static let programLimitExceeded: SQLState = "54000"

    private static let repairHint =
        "stop the server and run `tide repair --data <data directory>`: it keeps the readable segments and reports the rows lost"

    /// XX001: a segment file fails a structural or checksum check.
    static func offlineSegmentCorrupted(_ path: String, _ reason: String) -> TideError {
        TideError(.dataCorrupted, "offline segment \"\(path)\" is corrupted: \(reason)", hint: repairHint)
    }

    /// XX001: the manifest cannot be read.
    static func offlineManifestCorrupted(_ path: String, _ reason: String) -> TideError {
        TideError(.dataCorrupted, "offline manifest \"\(path)\" is corrupted: \(reason)", hint: repairHint)
    }

    /// 42804: stored offline data was written for other columns than the table has now.
    static func offlineSchemaMismatch(table: TableDef, path: String) -> TideError {
        TideError(
            .datatypeMismatch,
            "offline data of table \"\(table.database).\(table.name)\" was written for a different schema",
            detail: "file \(path)",
            hint: "reload the table with mode='overwrite'")
    }

    /// 42P07: `mode='error_if_exists'` and the table has rows.
    static func offlineDataExists(table: TableDef) -> TideError {
        TideError(
            .duplicateTable, "table \"\(table.database).\(table.name)\" already has offline data",
            hint: "use mode='append' or mode='overwrite'")
    }

    /// 55006: another writer holds the table.
    static func offlineTableBusy(table: TableDef) -> TideError {
        TideError(objectInUse, "table \"\(table.database).\(table.name)\" is being written by another statement")
    }

    /// 42804: a batch value does not have its column's type.
    static func offlineValueType(column: String, type: DataType, value: Value) -> TideError {
        let found = value.dataType.map(\.description) ?? "a collection"
        return TideError(
            .datatypeMismatch, "column \"\(column)\" of type \(type) cannot store a value of type \(found)")
    }

    /// 42804: a typed column of one type offered to a column of another.
    static func offlineColumnType(column: String, type: DataType, found: DataType) -> TideError {
        TideError(.datatypeMismatch, "column \"\(column)\" of type \(type) cannot store values of type \(found)")
    }

    /// 42804: a batch has another number of columns than the table.
    static func offlineBatchWidth(table: TableDef, found: Int) -> TideError {
        TideError(
            .datatypeMismatch,
            "table \"\(table.name)\" has \(table.columns.count) columns, the batch has \(found)")
    }

    /// 54000: one string value is too large for a segment.
    static func offlineStringTooLong(column: String) -> TideError {
        TideError(programLimitExceeded, "a value of column \"\(column)\" is too long for the offline store")
    }
}
