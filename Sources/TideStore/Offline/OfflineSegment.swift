import TideCore

/// One immutable segment file of the offline store, opened and checked for reading.
///
/// Segment file layout, format version 1 (all integers little-endian):
/// ```
///  offset   size   field
///  ──────   ────   ──────────────────────────────────────────────────────────────
///       0      8   magic "TIDEOFF\0"
///       8      2   format version (UInt16) = 1
///      10      2   column count C (UInt16)
///      12      4   reserved, 0
///      16      8   schema fingerprint (UInt64, see TableDef.offlineSchemaFingerprint)
///      24      8   row count N (UInt64)
///      32      8   first seq (Int64): row r has seq firstSeq + r
///      40   24×C   column directory, one entry per column:
///                    type tag (UInt8) · 7 bytes reserved · offset (UInt64) · length (UInt64)
///       …      …   column sections, each starting at a multiple of 8:
///                  ┌────────────────────────────────────────────────────────────┐
///                  │ null bitmap: ⌈N/8⌉ bytes, bit r%8 of byte r/8 set = NULL,  │
///                  │              zero-padded to a multiple of 8                │
///                  ├────────────────────────────────────────────────────────────┤
///                  │ fixed width: N values (bool 1, int16 2, int32/date/float 4,│
///                  │              int64/timestamp/double 8 bytes; NULL rows 0)  │
///                  │ or string:   N+1 UInt32 offsets, then the UTF-8 bytes      │
///                  └────────────────────────────────────────────────────────────┘
///   end-16     8   checksum (UInt64, SegmentChecksum) of every byte before it
///    end-8     8   end magic "TIDEEND\0"
/// ```
/// The end magic and checksum make a torn or truncated file fail to open (XX001).
struct OfflineSegment {
    static let magic: [UInt8] = Array("TIDEOFF\0".utf8)
    static let endMagic: [UInt8] = Array("TIDEEND\0".utf8)
    static let formatVersion: UInt16 = 1
    static let headerSize = 40
    static let directoryEntrySize = 24
    static let trailerSize = 16
    static let fileExtension = ".tideoff"

    /// Where one column's section lies in `bytes`.
    struct ColumnSection {
        var type: DataType
        var offset: Int
        var length: Int
        /// Bytes of the (padded) null bitmap at the section's start.
        var bitmapLength: Int
    }

    let path: String
    let bytes: [UInt8]
    let rowCount: Int
    let firstSeq: Int64
    let sections: [ColumnSection]

    /// The on-disk tag of each type (stable across versions).
    static func tag(_ type: DataType) -> UInt8 {
        switch type {
        case .bool: return 1
        case .int16: return 2
        case .int32: return 3
        case .int64: return 4
        case .float: return 5
        case .double: return 6
        case .string: return 7
        case .date: return 8
        case .timestamp: return 9
        }
    }

    /// Bytes per value of a fixed-width type; nil for strings.
    static func width(_ type: DataType) -> Int? {
        switch type {
        case .bool: return 1
        case .int16: return 2
        case .int32, .date, .float: return 4
        case .int64, .timestamp, .double: return 8
        case .string: return nil
        }
    }

    /// The null bitmap's length for `rows` rows, padded to 8 bytes.
    static func bitmapLength(rows: Int) -> Int { ((rows + 7) / 8 + 7) & ~7 }

    /// Reads `path` and checks it against `table` and the manifest's `entry`.
    /// - Throws: XX001 if the file is damaged or disagrees with the manifest, 42804 if it was
    ///   written for another schema.
    init(path: String, table: TableDef, entry: OfflineManifest.Entry) throws {
        guard FileSystem.exists(path) else {
            throw TideError.offlineSegmentCorrupted(path, "the file listed in the manifest is missing")
        }
        try self.init(path: path, table: table)
        guard rowCount == entry.rowCount, firstSeq == entry.firstSeq else {
            throw TideError.offlineSegmentCorrupted(path, "row count or first seq differs from the manifest")
        }
    }

    /// Reads `path` and checks it against `table` alone (no manifest: `tide repair` rebuilding one).
    /// - Throws: XX001 if the file is damaged, 42804 if it was written for another schema.
    init(path: String, table: TableDef) throws {
        let bytes = try FileSystem.readAll(path)
        let header = try bytes.withUnsafeBytes { try Self.checkEnvelope($0, path: path) }
        guard header.fingerprint == table.offlineSchemaFingerprint, header.columns == table.columns.count else {
            throw TideError.offlineSchemaMismatch(table: table, path: path)
        }
        let rows = Int(header.rows)
        let sections = try bytes.withUnsafeBytes { raw in
            try table.columns.enumerated().map { index, column in
                try Self.checkSection(raw, index: index, type: column.type, rows: rows, path: path)
            }
        }
        self.path = path
        self.bytes = bytes
        self.rowCount = rows
        self.firstSeq = header.firstSeq
        self.sections = sections
    }

    // MARK: - Checks

    private struct Header {
        var columns: Int
        var fingerprint: UInt64
        var rows: Int64
        var firstSeq: Int64
    }

    private static func checkEnvelope(_ raw: UnsafeRawBufferPointer, path: String) throws -> Header {
        let n = raw.count
        guard n >= headerSize + trailerSize, raw.starts(with: magic),
            raw[(n - 8)...].elementsEqual(endMagic)
        else { throw TideError.offlineSegmentCorrupted(path, "bad magic or truncated file") }
        let stored = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: n - trailerSize, as: UInt64.self))
        guard SegmentChecksum.compute(UnsafeRawBufferPointer(rebasing: raw[0..<(n - trailerSize)])) == stored else {
            throw TideError.offlineSegmentCorrupted(path, "checksum mismatch")
        }
        let version = UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 8, as: UInt16.self))
        guard version == formatVersion else {
            throw TideError.offlineSegmentCorrupted(path, "unsupported format version \(version)")
        }
        let columns = Int(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: 10, as: UInt16.self)))
        let rows = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 24, as: UInt64.self))
        guard rows <= UInt64(Int32.max), headerSize + columns * directoryEntrySize <= n - trailerSize else {
            throw TideError.offlineSegmentCorrupted(path, "header out of range")
        }
        return Header(
            columns: columns,
            fingerprint: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 16, as: UInt64.self)),
            rows: Int64(rows),
            firstSeq: Int64(littleEndian: raw.loadUnaligned(fromByteOffset: 32, as: Int64.self)))
    }

    private static func checkSection(
        _ raw: UnsafeRawBufferPointer, index: Int, type: DataType, rows: Int, path: String
    ) throws -> ColumnSection {
        let entry = headerSize + index * directoryEntrySize
        let bodyEnd = raw.count - trailerSize
        let offset = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: entry + 8, as: UInt64.self))
        let length = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: entry + 16, as: UInt64.self))
        guard raw[entry] == tag(type) else {
            throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) has type tag \(raw[entry])")
        }
        guard offset <= UInt64(bodyEnd), length <= UInt64(bodyEnd) - offset else {
            throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) lies outside the file")
        }
        let section = ColumnSection(
            type: type, offset: Int(offset), length: Int(length), bitmapLength: bitmapLength(rows: rows))
        if let width = width(type) {
            guard section.length == section.bitmapLength + rows * width else {
                throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) has the wrong length")
            }
            return section
        }
        let offsetsStart = section.offset + section.bitmapLength
        let dataStart = offsetsStart + (rows + 1) * 4
        guard dataStart <= section.offset + section.length else {
            throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) has the wrong length")
        }
        var previous: UInt32 = 0
        for r in 0...rows {
            let o = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offsetsStart + r * 4, as: UInt32.self))
            guard o >= previous, (r > 0 || o == 0) else {
                throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) has unordered string offsets")
            }
            previous = o
        }
        guard dataStart + Int(previous) == section.offset + section.length else {
            throw TideError.offlineSegmentCorrupted(path, "column \(index + 1) has the wrong length")
        }
        return section
    }
}
