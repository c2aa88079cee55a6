import TideCore
import TideSQL
import TideStore

/// Where `SELECT ... INTO OUTFILE` rows go: a CSV or Parquet file, or a PostgreSQL table.
/// Rows arrive batch by batch; nothing is visible until `finish()` (files are renamed into
/// place, PostgreSQL commits), and `abort()` leaves the target as it was.
protocol OutfileSink: AnyObject {
    func write(_ batch: ColumnBatch) throws
    func finish() throws
    func abort()
}

extension CSVWriter: OutfileSink {}
extension ParquetWriter: OutfileSink {}
extension PostgresTableWriter: OutfileSink {}

/// `SELECT ... INTO OUTFILE 'path' OPTIONS (...)`: opens the sink its options name.
struct OutfileWriter {
    let session: Session

    /// The opened target, and whether it needs the whole result before the first write
    /// (appending to a CSV file writes in place, so a query failing part-way must not have
    /// started writing).
    func open(columns: [ResultColumn], to outfile: Outfile) throws -> (sink: any OutfileSink, wholeResult: Bool) {
        let (format, mode) = try options(of: outfile)
        switch format {
        case .csv(let csv):
            let writer = try CSVWriter(path: outfile.path, columnNames: columns.map(\.name), options: csv, mode: mode)
            return (writer, mode == .append)
        case .parquet(let compression, let rowGroupRows):
            let writer = try ParquetWriter(
                path: outfile.path, columns: try scalarColumns(columns, format: "Parquet"), compression: compression,
                rowGroupRows: rowGroupRows, mode: mode)
            return (writer, false)
        case .postgresql(let table, let query):
            guard PostgresURL.matches(outfile.path), query == nil else {
                throw TideError(
                    .invalidParameterValue, "format='postgresql' writes to a postgresql:// URL with the option table",
                    hint:
                        "SELECT ... INTO OUTFILE 'postgresql://user@host:5432/db' OPTIONS (format='postgresql', table='dst')"
                )
            }
            let writer = try PostgresTableWriter(
                url: outfile.path, table: table, columns: try scalarColumns(columns, format: "PostgreSQL"), mode: mode)
            return (writer, false)
        }
    }

    /// The target's format and mode, every option checked.
    func options(of outfile: Outfile) throws -> (format: FileFormatOptions, mode: CSVWriteMode) {
        let (format, modeText, ignored) = try FileFormatOptions.parse(outfile.options, timeZone: session.timeZone)
        if let name = ignored.first {
            throw TideError(.invalidParameterValue, "unknown INTO OUTFILE option \"\(name)\"")
        }
        // OpenMLDB semantics: the default mode is error_if_exists.
        guard let mode = CSVWriteMode(option: modeText ?? "error_if_exists") else {
            throw TideError(
                .invalidParameterValue, "invalid INTO OUTFILE mode \"\(modeText ?? "")\"",
                hint: "use 'overwrite', 'append' or 'error_if_exists'")
        }
        return (format, mode)
    }

    /// The result's columns with their scalar types (a bare NULL column is written as strings).
    func scalarColumns(_ columns: [ResultColumn], format: String) throws -> [(name: String, type: DataType)] {
        try columns.map { column in
            switch column.type {
            case .scalar(let type): return (column.name, type)
            case .null: return (column.name, .string)
            case .array, .map:
                throw TideError(
                    .featureNotSupported,
                    "column \"\(column.name)\" is \(column.type); \(format) export writes scalar columns",
                    hint: "turn it into a string in the query")
            }
        }
    }
}
