import TideCore

/// The rows of one segment being written: a builder per column, encoded into the file layout
/// `OfflineSegment` documents.
struct OfflineSegmentBuilder {
    private(set) var columns: [OfflineColumnBuilder]
    private let fingerprint: UInt64

    init(table: TableDef) {
        columns = table.columns.map(OfflineColumnBuilder.init(column:))
        fingerprint = table.offlineSchemaFingerprint
    }

    /// Rows held.
    var rowCount: Int { columns.first?.count ?? 0 }

    /// Bytes held for strings, across columns.
    var stringBytes: Int { columns.reduce(0) { $0 + $1.stringBytes } }

    /// Appends rows `rows` of `batch` (whose columns are in table order).
    /// Large appends encode the columns on every core (each column's builder is independent).
    mutating func append(_ batch: ColumnBatch, rows: Range<Int>) throws {
        try appendColumns(rows: rows.count) { c, builder in try builder.append(batch.columns[c], rows: rows) }
    }

    /// Appends rows `rows` of `batch` (whose columns are in table order).
    mutating func append(_ batch: TypedColumnBatch, rows: Range<Int>) throws {
        try appendColumns(rows: rows.count) { c, builder in try builder.append(batch.columns[c], rows: rows) }
    }

    /// Runs `append` on each column's builder: on every core when `rows` is large (each
    /// column's builder is independent).
    private mutating func appendColumns(
        rows: Int, _ append: @Sendable (Int, inout OfflineColumnBuilder) throws -> Void
    ) throws {
        guard rows >= 16_384, columns.count > 1 else {
            for c in columns.indices { try append(c, &columns[c]) }
            return
        }
        try columns.withUnsafeMutableBufferPointer { buffer in
            // Each task touches only its own element, in place (no copy of what the column holds).
            nonisolated(unsafe) let builders = buffer
            _ = try ParallelWork.map(builders.count) { c in try append(c, &builders[c]) }
        }
    }

    /// The complete segment file for the rows held, numbered from `firstSeq`.
    func encode(firstSeq: Int64) -> [UInt8] {
        let rows = rowCount
        var out: [UInt8] = []
        out.reserveCapacity(OfflineSegment.headerSize + columns.count * 32 + rows * columns.count * 9 + stringBytes)
        out.append(contentsOf: OfflineSegment.magic)
        Self.put(OfflineSegment.formatVersion, into: &out)
        Self.put(UInt16(columns.count), into: &out)
        Self.put(UInt32(0), into: &out)
        Self.put(fingerprint, into: &out)
        Self.put(UInt64(rows), into: &out)
        Self.put(firstSeq, into: &out)
        let directoryStart = out.count
        out.append(contentsOf: repeatElement(0, count: columns.count * OfflineSegment.directoryEntrySize))
        for (index, column) in columns.enumerated() {
            while out.count % 8 != 0 { out.append(0) }
            let offset = out.count
            let format = column.encode(into: &out)
            let entry = directoryStart + index * OfflineSegment.directoryEntrySize
            out[entry] = OfflineSegment.tag(column.type)
            out[entry + 1] = format.encoding.rawValue
            out[entry + 2] = UInt8(format.width)
            Self.put(UInt32(format.dictionaryCount), at: entry + 4, in: &out)
            Self.put(UInt64(offset), at: entry + 8, in: &out)
            Self.put(UInt64(out.count - offset), at: entry + 16, in: &out)
        }
        let checksum = out.withUnsafeBytes { SegmentChecksum.compute($0) }
        Self.put(checksum, into: &out)
        out.append(contentsOf: OfflineSegment.endMagic)
        return out
    }

    /// Empties every column builder.
    mutating func reset() {
        for c in columns.indices { columns[c].reset() }
    }

    private static func put<T: FixedWidthInteger>(_ value: T, into out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { out.append(contentsOf: $0) }
    }

    private static func put<T: FixedWidthInteger>(_ value: T, at offset: Int, in out: inout [UInt8]) {
        withUnsafeBytes(of: value.littleEndian) { bytes in
            for (k, byte) in bytes.enumerated() { out[offset + k] = byte }
        }
    }
}
