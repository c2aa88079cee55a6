import TideCore

/// One immutable segment file of the offline store, opened and checked for reading.
///
/// Segment file layout, format version 2 (all integers little-endian; version 1 is the same
/// with every column plain and its encoding bytes 0, and is still read):
/// ```
///  offset   size   field
///  ──────   ────   ──────────────────────────────────────────────────────────────
///       0      8   magic "TIDEOFF\0"
///       8      2   format version (UInt16) = 2
///      10      2   column count C (UInt16)
///      12      4   reserved, 0
///      16      8   schema fingerprint (UInt64, see TableDef.offlineSchemaFingerprint)
///      24      8   row count N (UInt64)
///      32      8   first seq (Int64): row r has seq firstSeq + r
///      40   24×C   column directory, one entry per column:
///                    type tag (UInt8) · encoding (UInt8) · width W (UInt8) · 1 byte reserved ·
///                    dictionary size D (UInt32) · offset (UInt64) · length (UInt64)
///       …      …   column sections, each starting at a multiple of 8:
///                  ┌────────────────────────────────────────────────────────────┐
///                  │ null bitmap: ⌈N/8⌉ bytes, bit r%8 of byte r/8 set = NULL,  │
///                  │              zero-padded to a multiple of 8                │
///                  ├────────────────────────────────────────────────────────────┤
///                  │ encoding 0, plain (W, D = 0):                              │
///                  │   fixed width: N values (bool 1, int16 2, int32/date/float │
///                  │                4, int64/timestamp/double 8 bytes; NULL 0)  │
///                  │   or string:   N+1 UInt32 offsets, then the UTF-8 bytes    │
///                  │ encoding 1, frame of reference (integer types, D = 0):     │
///                  │   base (Int64), then N unsigned W-byte deltas (W = 1, 2 or │
///                  │   4, narrower than the type): value = base + delta; NULL 0 │
///                  │ encoding 2, dictionary (strings, D ≥ 1):                   │
///                  │   N W-byte codes (W = 1, 2 or 4; each < D; NULL 0), zero-  │
///                  │   padded to a multiple of 4, then the D distinct strings   │
///                  │   as D+1 UInt32 offsets and their UTF-8 bytes              │
///                  └────────────────────────────────────────────────────────────┘
///   end-16     8   checksum (UInt64, SegmentChecksum) of every byte before it
///    end-8     8   end magic "TIDEEND\0"
/// ```
/// The end magic and checksum make a torn or truncated file fail to open (XX001). The writer
/// picks each column's encoding (`OfflineColumnBuilder.encode`): integers whose values span
/// a narrower range than their type, and strings, which repeat in most feature tables, are
/// written in fewer bytes, and fewer bytes to write and read is most of a load's cost.
struct OfflineSegment {
    static let magic: [UInt8] = Array("TIDEOFF\0".utf8)
    static let endMagic: [UInt8] = Array("TIDEEND\0".utf8)
    static let formatVersion: UInt16 = 2
    /// The versions this build reads.
    static let readableVersions: ClosedRange<UInt16> = 1...2
    static let headerSize = 40
    static let directoryEntrySize = 24
    static let trailerSize = 16
    static let fileExtension = ".tideoff"

    /// How a section stores its values (byte 1 of its directory entry).
    enum Encoding: UInt8, Sendable {
        case plain = 0
        case frameOfReference = 1
        case dictionary = 2
    }

    /// Where one column's section lies in `bytes`, and how it is encoded.
    struct ColumnSection {
        var type: DataType
        var offset: Int
        var length: Int
        /// Bytes of the (padded) null bitmap at the section's start.
        var bitmapLength: Int
        var encoding: Encoding = .plain
        /// Bytes per delta or code (frame of reference, dictionary).
        var width = 0
        /// Distinct strings of a dictionary section.
        var dictionaryCount = 0

        /// Where the values (plain), the base (frame of reference) or the codes (dictionary) start.
        var dataStart: Int { offset + bitmapLength }

        /// The codes' bytes of a dictionary section of `rows` rows, padded to a multiple of 4.
        static func codesLength(rows: Int, width: Int) -> Int { (rows * width + 3) & ~3 }
    }

    let path: String
    let bytes: [UInt8]
    let rowCount: Int
    let firstSeq: Int64
    let sections: [ColumnSection]
    /// Per column, a dictionary section's strings, decoded at open for the columns a reader
    /// asked for (nil for the others, and for sections of other encodings).
    let dictionaries: [[String]?]

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

    /// True for the types stored as integers (the ones a frame of reference can narrow).
    static func storesIntegers(_ type: DataType) -> Bool {
        switch type {
        case .int16, .int32, .int64, .date, .timestamp: return true
        case .bool, .float, .double, .string: return false
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
    /// `reading` are the columns whose dictionaries are decoded once here (nil: all).
    init(path: String, table: TableDef, entry: OfflineManifest.Entry, reading columns: [Int]? = nil) throws {
        guard FileSystem.exists(path) else {
            throw TideError.offlineSegmentCorrupted(path, "the file listed in the manifest is missing")
        }
        try self.init(path: path, table: table, reading: columns)
        guard rowCount == entry.rowCount, firstSeq == entry.firstSeq else {
            throw TideError.offlineSegmentCorrupted(path, "row count or first seq differs from the manifest")
        }
    }

    /// Reads `path` and checks it against `table` alone (no manifest: `tide repair` rebuilding one).
    /// - Throws: XX001 if the file is damaged, 42804 if it was written for another schema.
    init(path: String, table: TableDef, reading columns: [Int]? = nil) throws {
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
        let decoded = Set(columns ?? Array(sections.indices))
        dictionaries = bytes.withUnsafeBytes { raw in
            sections.indices.map { c in
                guard decoded.contains(c), sections[c].encoding == .dictionary else { return nil }
                return Self.dictionary(raw, sections[c], rows: rows)
            }
        }
    }

    /// The strings of a dictionary section.
    static func dictionary(_ raw: UnsafeRawBufferPointer, _ section: ColumnSection, rows: Int) -> [String] {
        let offsets = section.dataStart + ColumnSection.codesLength(rows: rows, width: section.width)
        let strings = offsets + (section.dictionaryCount + 1) * 4
        return (0..<section.dictionaryCount).map { k in
            let start = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offsets + k * 4, as: UInt32.self)))
            let end = Int(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: offsets + k * 4 + 4, as: UInt32.self)))
            return String(
                decoding: UnsafeRawBufferPointer(rebasing: raw[(strings + start)..<(strings + end)]), as: UTF8.self)
        }
    }

    /// Value `r` of an array of unsigned little-endian values of `width` bytes (1, 2 or 4) at
    /// `start` (frame-of-reference deltas, dictionary codes).
    @inline(__always)
    static func unsigned(_ raw: UnsafeRawBufferPointer, at start: Int, width: Int, _ r: Int) -> UInt64 {
        switch width {
        case 1: return UInt64(raw[start + r])
        case 2: return UInt64(UInt16(littleEndian: raw.loadUnaligned(fromByteOffset: start + r * 2, as: UInt16.self)))
        default: return UInt64(UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + r * 4, as: UInt32.self)))
        }
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
        guard readableVersions.contains(version) else {
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
        func damaged(_ what: String) -> TideError {
            TideError.offlineSegmentCorrupted(path, "column \(index + 1) \(what)")
        }
        guard raw[entry] == tag(type) else { throw damaged("has type tag \(raw[entry])") }
        guard offset <= UInt64(bodyEnd), length <= UInt64(bodyEnd) - offset else {
            throw damaged("lies outside the file")
        }
        guard let encoding = Encoding(rawValue: raw[entry + 1]) else {
            throw damaged("has unknown encoding \(raw[entry + 1])")
        }
        var section = ColumnSection(
            type: type, offset: Int(offset), length: Int(length), bitmapLength: bitmapLength(rows: rows))
        section.encoding = encoding
        section.width = Int(raw[entry + 2])
        section.dictionaryCount = Int(
            UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: entry + 4, as: UInt32.self)))
        let end = section.offset + section.length
        switch encoding {
        case .plain:
            guard section.width == 0, section.dictionaryCount == 0 else { throw damaged("has a bad plain header") }
            if let width = width(type) {
                guard section.length == section.bitmapLength + rows * width else {
                    throw damaged("has the wrong length")
                }
                return section
            }
            try checkStringOffsets(raw, at: section.dataStart, count: rows, end: end, damaged)
        case .frameOfReference:
            guard storesIntegers(type), let typeWidth = width(type), [1, 2, 4].contains(section.width),
                section.width < typeWidth, section.dictionaryCount == 0
            else { throw damaged("has a bad frame-of-reference header") }
            guard section.length == section.bitmapLength + 8 + rows * section.width else {
                throw damaged("has the wrong length")
            }
        case .dictionary:
            guard type == .string, [1, 2, 4].contains(section.width), section.dictionaryCount >= 1 else {
                throw damaged("has a bad dictionary header")
            }
            let offsets = section.dataStart + ColumnSection.codesLength(rows: rows, width: section.width)
            guard offsets <= end else { throw damaged("has the wrong length") }
            try checkStringOffsets(raw, at: offsets, count: section.dictionaryCount, end: end, damaged)
            let codes = section.dataStart
            guard
                (0..<rows).allSatisfy({ unsigned(raw, at: codes, width: section.width, $0) < section.dictionaryCount })
            else { throw damaged("has a code outside its dictionary") }
        }
        return section
    }

    /// Checks `count + 1` ordered UInt32 offsets at `start`, starting at 0, whose bytes end at `end`.
    private static func checkStringOffsets(
        _ raw: UnsafeRawBufferPointer, at start: Int, count: Int, end: Int, _ damaged: (String) -> TideError
    ) throws {
        let dataStart = start + (count + 1) * 4
        guard dataStart <= end else { throw damaged("has the wrong length") }
        var previous: UInt32 = 0
        for r in 0...count {
            let o = UInt32(littleEndian: raw.loadUnaligned(fromByteOffset: start + r * 4, as: UInt32.self))
            guard o >= previous, (r > 0 || o == 0) else { throw damaged("has unordered string offsets") }
            previous = o
        }
        guard dataStart + Int(previous) == end else { throw damaged("has the wrong length") }
    }
}
