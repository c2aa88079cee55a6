import Foundation
import TideCore

/// Writes rows to a Parquet file for `SELECT ... INTO OUTFILE ... format='parquet'`.
///
/// Rows are buffered up to `rowGroupRows` and written as one row group; the file is built
/// under a temporary name beside the target and renamed over it by `finish()`, so readers see
/// the old file or the whole new one, never a partial file. Every column is OPTIONAL with
/// the logical type of its TideDB type (see `ParquetColumnChunkWriter.schemaElement`), with
/// min/max/NULL-count statistics per chunk and dictionary encoding for repetitive strings.
/// `append` keeps the row groups of an existing file written with the same columns (they
/// are copied as they are) and adds the new rows after them.
public final class ParquetWriter {
    public let path: String
    private let names: [String]
    private let types: [DataType]
    private let codec: ParquetCodec
    private let rowGroupRows: Int
    private let temporaryPath: String
    private let file: WritableFile
    private var offset: Int64 = 0
    private var rowGroups: [ParquetRowGroup] = []
    /// Per column, the pieces of the row group being gathered.
    private var pending: [[ArraySlice<Value>]]
    private var bufferedCount = 0
    private var finished = false

    /// Starts writing `path` (the file appears at `finish()`).
    /// - Parameters:
    ///   - compression: `snappy` (the default), `zstd`, `gzip` or `none`.
    /// - Throws: 58030 if `mode` is error_if_exists and the file exists, 22023 for a bad
    ///   option, 42804 when appending to a file with other columns.
    public init(
        path: String, columns: [(name: String, type: DataType)], compression: String?, rowGroupRows: Int?,
        mode: CSVWriteMode
    ) throws {
        self.path = path
        names = columns.map(\.name)
        types = columns.map(\.type)
        codec = try ParquetCodec(option: compression)
        self.rowGroupRows = rowGroupRows ?? 1_000_000
        var existing: ParquetFile?
        if FileSystem.exists(path) {
            switch mode {
            case .errorIfExists: throw TideError.fileAlreadyExists(path)
            case .overwrite: break
            case .append: existing = try ParquetFile(path: path)
            }
        }
        temporaryPath = FileSystem.temporarySibling(of: path)
        file = try WritableFile(path: temporaryPath, flags: O_WRONLY | O_CREAT | O_EXCL, direct: true)
        pending = Array(repeating: [], count: columns.count)
        do {
            try file.write(parquetMagic)
            offset = 4
            if let existing { try copyRowGroups(of: existing) }
        } catch {
            abort()
            throw error
        }
    }

    deinit { if !finished { abort() } }

    /// Adds the rows of `batch` (columns in the writer's order). Rows are kept as the
    /// batches they came in (no copy) until a row group is full.
    public func write(_ batch: ColumnBatch) throws {
        var start = 0
        while start < batch.count {
            let n = min(batch.count - start, rowGroupRows - bufferedCount)
            for c in pending.indices { pending[c].append(batch.columns[c][start..<start + n]) }
            bufferedCount += n
            start += n
            if bufferedCount == rowGroupRows { try flushPending() }
        }
    }

    /// Writes the last row group and the footer, syncs the file and renames it into place.
    public func finish() throws {
        guard !finished else { return }
        do {
            if bufferedCount > 0 { try flushPending() }
            let schema =
                [ParquetSchemaElement(name: "schema", childCount: Int32(names.count))]
                + zip(names, types).map { ParquetColumnChunkWriter.schemaElement(name: $0, type: $1) }
            let metadata = ParquetFileMetaData(
                version: 2, schema: schema, rowCount: rowGroups.reduce(0) { $0 + $1.rowCount }, rowGroups: rowGroups,
                createdBy: "TideDB")
            var thrift = ThriftCompactWriter()
            metadata.write(into: &thrift)
            try file.write(thrift.bytes)
            var length: [UInt8] = []
            PlainEncoder.appendLE(UInt32(thrift.bytes.count), to: &length)
            try file.write(length + parquetMagic)
            try file.close(sync: true)
            try FileSystem.rename(temporaryPath, to: path)
            try FileSystem.syncDirectory(FileSystem.directory(of: path))
            finished = true
        } catch {
            abort()
            throw error
        }
    }

    /// Drops the temporary file; the target is left as it was.
    public func abort() {
        finished = true
        try? file.close(sync: false)
        try? FileSystem.removeFile(temporaryPath)
    }

    private func flushPending() throws {
        try flushRowGroup(pending, rowCount: bufferedCount)
        for c in pending.indices { pending[c].removeAll(keepingCapacity: true) }
        bufferedCount = 0
    }

    private func flushRowGroup(_ columns: [[ArraySlice<Value>]], rowCount: Int) throws {
        let types = self.types
        let names = self.names
        let codec = self.codec
        let path = self.path
        // Every chunk is encoded on its own core at offset 0, then placed after the previous ones.
        let encoded = try ParallelWork.map(columns.count) { c in
            do throws(ParquetError) {
                return try ParquetColumnChunkWriter(type: types[c], codec: codec).write(columns[c], name: names[c])
            } catch {
                throw TideError.parquet(error, at: "file \"\(path)\", column \"\(names[c])\"")
            }
        }
        var chunks: [ParquetColumnMetaData] = []
        var total: Int64 = 0
        for (bytes, relative) in encoded {
            var meta = relative
            meta.dataPageOffset += offset
            meta.dictionaryPageOffset = meta.dictionaryPageOffset.map { $0 + offset }
            try file.write(bytes)
            offset += Int64(bytes.count)
            total += meta.uncompressedSize
            chunks.append(meta)
        }
        rowGroups.append(ParquetRowGroup(columns: chunks, totalByteSize: total, rowCount: Int64(rowCount)))
    }

    /// Copies the row groups of `existing` (same column names and physical types) unchanged.
    private func copyRowGroups(of existing: ParquetFile) throws {
        let expected = zip(names, types).map { ParquetColumnChunkWriter.schemaElement(name: $0, type: $1) }
        let same =
            existing.leaves.count == expected.count
            && zip(existing.leaves, expected).allSatisfy {
                $0.path == [$1.name] && $0.element.type == $1.type && $0.element.logicalType == $1.logicalType
            }
        guard same else {
            throw TideError(
                .datatypeMismatch, "cannot append to \"\(path)\": its columns differ from the query's",
                hint: "write to a new file or use mode='overwrite'")
        }
        for (g, group) in existing.metadata.rowGroups.enumerated() {
            var columns: [ParquetColumnMetaData] = []
            for c in group.columns.indices {
                let bytes: [UInt8]
                do throws(ParquetError) {
                    bytes = try existing.chunkBytes(group: g, column: c)
                } catch {
                    throw TideError.parquet(error, at: "file \"\(path)\", row group \(g)")
                }
                var meta = group.columns[c]
                let start =
                    meta.dictionaryPageOffset.map { $0 > 0 && $0 < meta.dataPageOffset ? $0 : meta.dataPageOffset }
                    ?? meta.dataPageOffset
                let shift = offset - start
                meta.dataPageOffset += shift
                if let dictionary = meta.dictionaryPageOffset, dictionary > 0, dictionary < start + meta.compressedSize
                {
                    meta.dictionaryPageOffset = dictionary + shift
                } else {
                    meta.dictionaryPageOffset = nil
                }
                try file.write(bytes)
                offset += Int64(bytes.count)
                columns.append(meta)
            }
            rowGroups.append(group.with(columns: columns))
        }
    }
}

extension ParquetRowGroup {
    fileprivate func with(columns: [ParquetColumnMetaData]) -> ParquetRowGroup {
        ParquetRowGroup(columns: columns, totalByteSize: totalByteSize, rowCount: rowCount)
    }
}
