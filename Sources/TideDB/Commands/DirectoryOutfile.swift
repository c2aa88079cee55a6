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
        write: (_ directory: String, _ compression: String) throws -> Void
    ) throws -> Int {
        let options = OutfileWriter(session: session)
        let (format, mode) = try options.options(of: outfile)
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
        _ = try options.scalarColumns(columns, format: "Parquet")
        let target = try ParquetDirectoryTarget(path: outfile.path, mode: mode, compression: compression)
        do {
            try write(target.stagingPath, target.compression)
            return Int(try target.finish())
        } catch {
            target.abort()
            throw error
        }
    }
}

extension Outfile {
    /// A path ending in '/' names a directory of part files (written by a remote engine).
    var namesDirectory: Bool { path.hasSuffix("/") }
}
