import TideCore

/// Reads Parquet files as batches of rows of a table (`LOAD DATA ... format='parquet'`).
///
/// Table columns are found in the file by name (case-insensitively; extra file columns are
/// not read) and converted as `ParquetColumnConverter` documents. Every file's footer and
/// column mapping is checked when the reader is made, before any row is returned. Row groups
/// are read one at a time, so memory is bounded by the largest row group of the columns read.
/// Errors name the file, the row group and the column.
public final class ParquetReader: BatchIterator {
    /// The files read, in order.
    public let files: [String]
    /// Rows returned so far.
    public private(set) var rowsRead: Int64 = 0
    /// The total number of rows in the files (from their footers).
    public let totalRows: Int64

    private let table: TableDef
    private let batchSize: Int
    private var fileIndex = 0
    private var file: ParquetFile?
    private var readers: [ParquetColumnChunkReader] = []
    private var group = 0
    private var pending: [[Value]] = []
    private var pendingCount = 0
    private var pendingNext = 0
    /// The next row group, decoding on other threads: (file, group, columns).
    private var prefetch: (file: ParquetFile, group: Int, columns: BackgroundResult<[[Value]]>)?

    /// Opens the files `path` names (a file, a directory or a glob) for rows of `table`.
    /// - Throws: 58030 if a file cannot be read, 22P04 if one is not Parquet, 42703 if one
    ///   lacks a table column, 42804 if a column's type cannot fill the table's.
    public init(path: String, table: TableDef, batchSize: Int = 65_536) throws {
        self.files = try InputFiles.expand(path, suffix: ".parquet")
        self.table = table
        self.batchSize = max(1, batchSize)
        var total: Int64 = 0
        for name in files {
            let file = try ParquetFile(path: name)
            _ = try Self.columnReaders(file, table)
            total += file.metadata.rowGroups.reduce(0) { $0 + $1.rowCount }
        }
        totalRows = total
    }

    /// The next batch of up to `batchSize` rows in the table's column order, or nil at the end.
    public func next() throws -> ColumnBatch? {
        while pendingNext >= pendingCount {
            guard try loadNextGroup() else { return nil }
        }
        let n = min(batchSize, pendingCount - pendingNext)
        let batch: ColumnBatch
        if pendingNext == 0 && n == pendingCount {
            batch = ColumnBatch(columns: pending, count: n)
            pending = []
        } else {
            batch = ColumnBatch(columns: pending.map { Array($0[pendingNext..<pendingNext + n]) }, count: n)
        }
        pendingNext += n
        rowsRead += Int64(n)
        return batch
    }

    /// Reads the next non-empty row group into `pending`; false at the end of the last file.
    private func loadNextGroup() throws -> Bool {
        while true {
            if let file, group < file.metadata.rowGroups.count {
                let rowCount = Int(file.metadata.rowGroups[group].rowCount)
                defer { group += 1 }
                if rowCount == 0 { continue }
                if let prefetched = prefetch, prefetched.file === file, prefetched.group == group {
                    pending = try prefetched.columns.wait().get()
                } else {
                    pending = try Self.readGroup(file, group, rowCount: rowCount, readers: readers, table: table)
                }
                prefetch = nil
                // The next row group decodes on other threads while the caller writes this one.
                if let next = (group + 1..<file.metadata.rowGroups.count).first(where: {
                    file.metadata.rowGroups[$0].rowCount > 0
                }) {
                    let (readers, table) = (self.readers, self.table)
                    let rows = Int(file.metadata.rowGroups[next].rowCount)
                    let columns = BackgroundResult {
                        try Self.readGroup(file, next, rowCount: rows, readers: readers, table: table)
                    }
                    prefetch = (file, next, columns)
                }
                pendingCount = rowCount
                pendingNext = 0
                return true
            }
            guard fileIndex < files.count else {
                file = nil
                return false
            }
            let next = try ParquetFile(path: files[fileIndex])
            readers = try Self.columnReaders(next, table)
            file = next
            fileIndex += 1
            group = 0
        }
    }

    private static func readGroup(
        _ file: ParquetFile, _ group: Int, rowCount: Int, readers: [ParquetColumnChunkReader], table: TableDef
    ) throws -> [[Value]] {
        let columns = table.columns
        // Each column chunk is read and decoded on its own core.
        return try ParallelWork.map(readers.count) { c in
            let reader = readers[c]
            let place = "file \"\(file.path)\", row group \(group), column \"\(reader.leaf.name)\""
            do throws(ParquetError) {
                let bytes = try file.chunkBytes(group: group, column: reader.leaf.chunkIndex)
                let codec = file.metadata.rowGroups[group].columns[reader.leaf.chunkIndex].codec
                let values = try bytes.withParquetBytes { raw throws(ParquetError) in
                    try reader.read(raw, rowCount: rowCount, codec: codec)
                }
                if columns[c].notNull, let row = values.firstIndex(where: \.isNull) {
                    throw ParquetError.notNull(
                        "NULL for NOT NULL column \"\(columns[c].name)\" in row \(row) of the group")
                }
                return values
            } catch {
                throw TideError.parquet(error, at: place)
            }
        }
    }

    /// One chunk reader per table column, in the table's order.
    private static func columnReaders(_ file: ParquetFile, _ table: TableDef) throws -> [ParquetColumnChunkReader] {
        let topLevel = file.leaves.filter { $0.path.count == 1 }
        return try table.columns.map { column in
            let matches = topLevel.filter { $0.path[0].lowercased() == column.name.lowercased() }
            guard let leaf = matches.first(where: { $0.path[0] == column.name }) ?? matches.first else {
                if file.leaves.contains(where: { $0.path.first?.lowercased() == column.name.lowercased() }) {
                    throw TideError(
                        .featureNotSupported,
                        "column \"\(column.name)\" of \"\(file.path)\" is nested (a list, map or struct)",
                        hint: "TideDB reads top-level columns of scalar types")
                }
                throw TideError(
                    .undefinedColumn, "file \"\(file.path)\" has no column \"\(column.name)\"",
                    hint: "table \"\(table.name)\" needs every one of its columns; the file has "
                        + topLevel.map(\.name).joined(separator: ", "))
            }
            if leaf.nested {
                throw TideError(
                    .featureNotSupported, "column \"\(leaf.name)\" of \"\(file.path)\" is repeated (a list)")
            }
            let converter: ParquetColumnConverter?
            do {
                converter = try ParquetColumnConverter(leaf: leaf, target: column.type)
            } catch let error as ParquetError {
                throw TideError.parquet(error, at: "file \"\(file.path)\"")
            }
            guard let converter else {
                throw TideError(
                    .datatypeMismatch,
                    "column \"\(leaf.name)\" of \"\(file.path)\" is \(leaf.typeDescription), "
                        + "which cannot be loaded into \(column.type) column \"\(column.name)\"")
            }
            return ParquetColumnChunkReader(leaf: leaf, converter: converter)
        }
    }
}
