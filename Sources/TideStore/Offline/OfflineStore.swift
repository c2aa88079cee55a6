import TideCore

/// The offline store: columnar segment files per table under a root directory, read by the
/// batch engine and written by `LOAD DATA` in offline mode.
///
/// ```
///  <root>/<database>/<table>/
///      MANIFEST                     committed segments and next seq (JSON, swapped atomically)
///      LOCK                         flock held by the table's one writer
///      seg-00000000000000000000-<random>.tideoff     immutable segments (see OfflineSegment)
///      seg-00000000000000065536-<random>.tideoff
/// ```
/// Database and table names become directory names with bytes outside `[A-Za-z0-9_-]`
/// percent-encoded.
public struct OfflineStore: Sendable {
    /// The directory holding one sub-directory per database.
    public let root: String
    /// Merges small segments in the background after writes; nil: each write that crosses the
    /// threshold merges them itself before it returns (a store used without a `Database`).
    public let compactor: OfflineCompactor?
    /// Rows per segment file (the last segment of a load may hold fewer).
    public let segmentRowLimit: Int
    /// String bytes after which a segment is closed before reaching `segmentRowLimit`.
    public let segmentByteLimit: Int

    /// A store under `root` (created on first write).
    public init(
        root: String, segmentRowLimit: Int = 65_536, segmentByteLimit: Int = 64 << 20,
        compactor: OfflineCompactor? = nil
    ) {
        self.root = root
        self.compactor = compactor
        self.segmentRowLimit = segmentRowLimit
        self.segmentByteLimit = segmentByteLimit
    }

    /// The directory of `table`'s files.
    public func directory(for table: TableDef) -> String {
        root + "/" + Self.pathComponent(table.database) + "/" + Self.pathComponent(table.name)
    }

    /// A writer adding rows to `table`; see `OfflineTableWriter`.
    /// - Throws: 42P07 for `errorIfExists` on a table with rows, 55006 if another writer is
    ///   active, 42804 when appending to data of another schema.
    public func writer(for table: TableDef, mode: OfflineWriteMode) throws -> OfflineTableWriter {
        try OfflineTableWriter(
            table: table, mode: mode, directory: directory(for: table), segmentRowLimit: segmentRowLimit,
            segmentByteLimit: segmentByteLimit, compactor: compactor)
    }

    /// The committed rows of `table` (none if it was never loaded).
    /// - Throws: XX001 if the manifest is damaged, 42804 if it lists data of another schema.
    public func source(for table: TableDef) throws -> OfflineTableSource {
        let directory = directory(for: table)
        let manifest = try OfflineManifest.load(directory: directory) ?? OfflineManifest(table: table)
        if !manifest.segments.isEmpty && !manifest.matches(table) {
            throw TideError.offlineSchemaMismatch(table: table, path: directory + "/" + OfflineManifest.fileName)
        }
        return OfflineTableSource(table: table, directory: directory, manifest: manifest)
    }

    /// The number of committed rows of `table`.
    public func rowCount(_ table: TableDef) throws -> Int64 {
        try OfflineManifest.load(directory: directory(for: table))?.rowCount ?? 0
    }

    /// Removes the segment files of `table` that its manifest does not list (a write or merge
    /// that a crash interrupted) and a half-written manifest; returns how many files it
    /// removed. Run at open, before any merge of this process starts.
    /// - Throws: 55006 if a writer is active; I/O errors.
    @discardableResult
    public func removeOrphans(_ table: TableDef) throws -> Int {
        let directory = directory(for: table)
        guard FileSystem.exists(directory) else { return 0 }
        let lock = try OfflineTableLock(directory: directory, table: table)
        defer { lock.release() }
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        let manifest = try OfflineManifest.load(directory: directory) ?? OfflineManifest(table: table)
        return try OfflineTableWriter.removeOrphans(directory: directory, manifest: manifest, includingMerges: true)
    }

    /// Removes the folder of database `name` once its tables' folders are gone (DROP DATABASE);
    /// a folder that still holds anything stays.
    public func removeDatabaseDirectory(_ name: String) {
        FileSystem.removeEmptyDirectory(root + "/" + Self.pathComponent(name))
    }

    /// Deletes all of `table`'s offline files.
    /// - Throws: 55006 if a writer is active.
    public func drop(_ table: TableDef) throws {
        let directory = directory(for: table)
        guard FileSystem.exists(directory) else { return }
        let lock = try OfflineTableLock(directory: directory, table: table)
        defer { lock.release() }
        // A merge in progress finishes its swap first (or finds the folder gone and gives up).
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        try FileSystem.removeTree(directory)
    }

    /// Removes all committed rows of `table` in one manifest swap (seqs keep increasing).
    /// - Throws: 55006 if a writer is active.
    public func truncate(_ table: TableDef) throws {
        let directory = directory(for: table)
        guard FileSystem.exists(directory) else { return }
        let lock = try OfflineTableLock(directory: directory, table: table)
        defer { lock.release() }
        let manifestLock = try OfflineTableLock.manifest(directory: directory, table: table)
        defer { manifestLock.release() }
        guard let manifest = try OfflineManifest.load(directory: directory) else { return }
        try OfflineManifest(table: table, nextSeq: manifest.nextSeq).save(directory: directory)
        for entry in manifest.segments { try? FileSystem.removeFile(directory + "/" + entry.file) }
    }

    /// `name` with bytes outside `[A-Za-z0-9_-]` written as `%XX`.
    static func pathComponent(_ name: String) -> String {
        var out = ""
        for byte in name.utf8 {
            let safe =
                (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
                || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
            if safe {
                out.unicodeScalars.append(Unicode.Scalar(byte))
            } else {
                let hex = String(byte, radix: 16, uppercase: true)
                out += "%" + (hex.count == 1 ? "0" : "") + hex
            }
        }
        return out.isEmpty ? "%" : out
    }
}
