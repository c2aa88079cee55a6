import TideCore
import TideSQL
import TideStore

/// `SELECT ... INTO OUTFILE 'path' OPTIONS (...)`: writes the result as CSV.
struct OutfileWriter {
    let session: Session

    /// Writes `result`; returns the number of rows written.
    func write(_ result: ColumnBatch, columns: [ResultColumn], to outfile: Outfile) throws -> Int {
        let (csv, modeText, ignored) = try StatementOptions.csv(outfile.options, timeZone: session.timeZone)
        if let name = ignored.first {
            throw TideError(.invalidParameterValue, "unknown INTO OUTFILE option \"\(name)\"")
        }
        // OpenMLDB semantics: the default mode is error_if_exists.
        guard let mode = CSVWriteMode(option: modeText ?? "error_if_exists") else {
            throw TideError(
                .invalidParameterValue, "invalid INTO OUTFILE mode \"\(modeText ?? "")\"",
                hint: "use 'overwrite', 'append' or 'error_if_exists'")
        }
        let writer = try CSVWriter(path: outfile.path, columnNames: columns.map(\.name), options: csv, mode: mode)
        try writer.write(result)
        try writer.finish()
        return result.count
    }
}
