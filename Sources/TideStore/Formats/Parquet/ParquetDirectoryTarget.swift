import TideCore

/// A directory of Parquet part files written by another engine (Spark's `INSERT OVERWRITE
/// DIRECTORY`) as the target of `SELECT ... INTO OUTFILE 'dir/'`, with the statement's
/// atomicity: the engine writes into `stagingPath`, a new directory beside the target, and
/// `finish()` puts its files in place — the target replaced (overwrite), created
/// (error_if_exists) or given the new part files (append) — by renames, so a query failing
/// part-way leaves the target as it was. `abort()` removes the staging directory.
public final class ParquetDirectoryTarget {
    /// The target directory (no trailing slash).
    public let path: String
    /// Where the engine writes (it creates the directory).
    public let stagingPath: String
    /// The Parquet compression the engine writes with (snappy, zstd, gzip or none).
    public let compression: String
    private let mode: CSVWriteMode
    private var done = false

    /// Checks the compression option and the target against `mode` (error_if_exists: it must
    /// not exist; append: it must be a directory if it exists).
    /// - Throws: 22023 for an unknown compression, 58030 when the target exists under
    ///   error_if_exists, or is a file to append to.
    public init(path: String, mode: CSVWriteMode, compression: String?) throws {
        self.compression = try ParquetCodec(option: compression).optionName
        var target = path
        while target.count > 1 && target.hasSuffix("/") { target.removeLast() }
        self.path = target
        self.mode = mode
        stagingPath = FileSystem.temporarySibling(of: target)
        try check()
    }

    deinit { if !done { abort() } }

    /// Moves the written files into place and returns how many rows they hold (from their
    /// footers, so the files are also checked to be Parquet that TideDB reads).
    public func finish() throws -> Int64 {
        do {
            let files = FileSystem.exists(stagingPath) ? try InputFiles.expand(stagingPath, suffix: ".parquet") : []
            var rows: Int64 = 0
            for file in files {
                rows += try ParquetFile(path: file).metadata.rowGroups.reduce(0) { $0 + $1.rowCount }
            }
            if !FileSystem.exists(stagingPath) { try FileSystem.makeDirectories(stagingPath) }
            try check()
            let parent = FileSystem.directory(of: path)
            switch mode {
            case .append where FileSystem.exists(path):
                // Spark's part file names carry a unique id; a clash is refused, never replaced.
                for file in files {
                    let name = file.split(separator: "/").last.map(String.init) ?? file
                    let destination = path + "/" + name
                    if FileSystem.exists(destination) { throw TideError.fileAlreadyExists(destination) }
                    try FileSystem.rename(file, to: destination)
                }
                try FileSystem.syncDirectory(path)
                try FileSystem.removeTree(stagingPath)
            case .overwrite where FileSystem.exists(path):
                let previous = FileSystem.temporarySibling(of: path)
                try FileSystem.rename(path, to: previous)
                try FileSystem.rename(stagingPath, to: path)
                try FileSystem.syncDirectory(parent)
                try FileSystem.removeTree(previous)
            default:
                try FileSystem.rename(stagingPath, to: path)
                try FileSystem.syncDirectory(parent)
            }
            done = true
            return rows
        } catch {
            abort()
            throw error
        }
    }

    /// Removes what the engine wrote; the target is left as it was.
    public func abort() {
        done = true
        try? FileSystem.removeTree(stagingPath)
    }

    private func check() throws {
        guard FileSystem.exists(path) else { return }
        switch mode {
        case .errorIfExists: throw TideError.fileAlreadyExists(path)
        case .append where !FileSystem.isDirectory(path):
            throw TideError(
                .ioError, "cannot append a directory of Parquet files to \"\(path)\": it is a file",
                hint: "name a directory, or write a single file without the trailing '/'")
        default: break
        }
    }
}
