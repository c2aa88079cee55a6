import TideCore
import TideSQL
import TideStore

/// `SELECT ... INTO OUTFILE 'path' OPTIONS (...)`: writes the result as CSV or Parquet.
struct OutfileWriter {
    let session: Session

    /// Writes `result`; returns the number of rows written.
    func write(_ result: ColumnBatch, columns: [ResultColumn], to outfile: Outfile) throws -> Int {
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
        switch format {
        case .csv(let csv):
            let writer = try CSVWriter(path: outfile.path, columnNames: columns.map(\.name), options: csv, mode: mode)
            try writer.write(result)
            try writer.finish()
        case .parquet(let compression, let rowGroupRows):
            let writer = try ParquetWriter(
                path: outfile.path, columns: try scalarColumns(columns, format: "Parquet"), compression: compression,
                rowGroupRows: rowGroupRows, mode: mode)
            try writer.write(result)
            try writer.finish()
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
            try writer.write(result)
            try writer.finish()
        }
        return result.count
    }

    /// The result's columns with their scalar types (a bare NULL column is written as strings).
    private func scalarColumns(_ columns: [ResultColumn], format: String) throws -> [(name: String, type: DataType)] {
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
