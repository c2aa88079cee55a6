import TideCore
import TideSQL
import TideStore

/// `SELECT ... INTO OUTFILE 'dir/' OPTIONS (format='parquet', ...)` on a remote offline
/// engine: the engine writes the result as Parquet part files itself (a large training set
/// never streams through this process), and `ParquetDirectoryTarget` moves them into place
/// under the statement's mode, or removes them when anything fails.
struct DirectoryOutfile {
    let session: Session

    /// Checks the options and the target, lets `write` fill the staging directory (with the
    /// Parquet compression asked for), and returns the rows written.
    func write(
        columns: [ResultColumn], to outfile: Outfile,
        write: (_ directory: String, _ compression: String?) throws -> Void
    ) throws -> Int {
        let (format, modeText, ignored) = try FileFormatOptions.parse(outfile.options, timeZone: session.timeZone)
        if let name = ignored.first {
            throw TideError(.invalidParameterValue, "unknown INTO OUTFILE option \"\(name)\"")
        }
        guard case .parquet(let compression, let rowGroupRows) = format else {
            throw TideError(
                .featureNotSupported, "a directory OUTFILE ('\(outfile.path)') is written as Parquet",
                hint: "add OPTIONS (format='parquet'), or name a file without the trailing '/'")
        }
        if rowGroupRows != nil {
            throw TideError(
                .invalidParameterValue, "row_group_rows applies to a single Parquet file; Spark sizes its row groups",
                hint: "leave it out, or name a file without the trailing '/'")
        }
        let codec: String? =
            switch compression {
            case nil: nil
            case "snappy", "zstd", "gzip": compression
            case "none", "uncompressed": "none"
            default:
                throw TideError(
                    .invalidParameterValue, "unknown Parquet compression \"\(compression ?? "")\"",
                    hint: "use 'snappy', 'zstd', 'gzip' or 'none'")
            }
        // OpenMLDB semantics: the default mode is error_if_exists.
        guard let mode = CSVWriteMode(option: modeText ?? "error_if_exists") else {
            throw TideError(
                .invalidParameterValue, "invalid INTO OUTFILE mode \"\(modeText ?? "")\"",
                hint: "use 'overwrite', 'append' or 'error_if_exists'")
        }
        for column in columns where column.type.scalar == nil && column.type != .null {
            throw TideError(
                .featureNotSupported,
                "column \"\(column.name)\" is \(column.type); Parquet export writes scalar columns",
                hint: "turn it into a string in the query")
        }
        let target = try ParquetDirectoryTarget(path: outfile.path, mode: mode)
        do {
            try write(target.stagingPath, codec)
            return Int(try target.finish())
        } catch {
            target.abort()
            throw error
        }
    }
}
