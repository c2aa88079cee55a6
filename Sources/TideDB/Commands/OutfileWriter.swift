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
            let typed = try columns.map { column -> (name: String, type: DataType) in
                switch column.type {
                case .scalar(let type): return (column.name, type)
                case .null: return (column.name, .string)
                case .array, .map:
                    throw TideError(
                        .featureNotSupported,
                        "column \"\(column.name)\" is \(column.type); Parquet export writes scalar columns",
                        hint: "turn it into a string in the query")
                }
            }
            let writer = try ParquetWriter(
                path: outfile.path, columns: typed, compression: compression, rowGroupRows: rowGroupRows, mode: mode)
            try writer.write(result)
            try writer.finish()
        case .postgresql:
            throw TideError(.featureNotSupported, "INTO OUTFILE to PostgreSQL is not supported yet")
        }
        return result.count
    }
}
