import TideCore

/// Decodes `RowCodec` rows straight into unboxed columns (`ColumnValues`), only the columns
/// asked for (the others are stepped over), with no array per row. Strings become codes into
/// one dictionary per read (by their bytes, `ExactText`); the strings of one read repeat (categories, merchants, a key), so
/// a small cache by their bytes gives back a repeated string's code without validating and
/// copying its bytes again.
struct RowColumnDecoder: ~Copyable {
    private let types: [DataType]
    private let wanted: [Bool]
    /// The wanted columns the table has, in column order.
    private let positions: [Int]
    /// Per table column: its slot among the decoded columns, or -1 when it is stepped over.
    private let slots: [Int]
    /// Per row, per wanted column: the value's bits (Int64 form, float or double bits, string
    /// code) and whether it is NULL; rows are appended into raw storage (no copy-on-write check
    /// per value), a row counted only once it decoded whole.
    private var words: UnsafeMutablePointer<UInt64>
    private var nulls: UnsafeMutablePointer<Bool>
    private var ts: UnsafeMutablePointer<Int64>
    private var seqs: UnsafeMutablePointer<UInt64>
    private var rows = 0
    private var capacity: Int
    private var dictionary: [String] = []
    /// Codes of the strings longer than `cachedLength`, and of the shorter ones by their bytes.
    private var codes: [ExactText: Int32] = [:]
    private var shortCodes: [ShortBytes: Int32] = [:]
    private var cache: [CachedString]
    private static let cacheSlots = 256
    /// Strings up to this many bytes are cached (two words).
    private static let cachedLength = 16

    /// Up to 16 bytes of a string, and how many.
    private struct ShortBytes: Hashable {
        var low: UInt64
        var high: UInt64
        var length: Int
    }

    /// A cache slot: a string's bytes and its code (length -1: empty).
    private struct CachedString {
        var bytes = ShortBytes(low: 0, high: 0, length: -1)
        var code: Int32 = 0
    }

    /// A decoder of rows of `table` keeping the `wanted` columns, with room for
    /// `expectedRows` rows before it grows.
    init(_ table: TableDef, wanted: [Bool], expectedRows: Int = 64) {
        let types = table.columns.map(\.type)
        self.types = types
        self.wanted = wanted
        let positions = types.indices.filter { $0 < wanted.count && wanted[$0] }
        self.positions = positions
        var slots = [Int](repeating: -1, count: types.count)
        for (k, c) in positions.enumerated() { slots[c] = k }
        self.slots = slots
        let cachesStrings = positions.contains { types[$0] == .string }
        cache = cachesStrings ? Array(repeating: CachedString(), count: Self.cacheSlots) : []
        capacity = max(1, expectedRows)
        let width = max(1, positions.count)
        words = .allocate(capacity: capacity * width)
        nulls = .allocate(capacity: capacity * width)
        ts = .allocate(capacity: capacity)
        seqs = .allocate(capacity: capacity)
    }

    deinit {
        words.deallocate()
        nulls.deallocate()
        ts.deallocate()
        seqs.deallocate()
    }

    /// Doubles the room for rows, keeping the rows decoded.
    private mutating func grow() {
        let width = max(1, positions.count)
        let larger = capacity * 2
        func moved<T>(_ old: UnsafeMutablePointer<T>, _ count: Int, _ room: Int) -> UnsafeMutablePointer<T> {
            let new = UnsafeMutablePointer<T>.allocate(capacity: room)
            new.moveInitialize(from: old, count: count)
            old.deallocate()
            return new
        }
        words = moved(words, rows * width, larger * width)
        nulls = moved(nulls, rows * width, larger * width)
        ts = moved(ts, rows, larger)
        seqs = moved(seqs, rows, larger)
        capacity = larger
    }

    /// Appends one row (its index TS and seq, and the wanted columns of `bytes`).
    /// - Throws: `XX001` as `RowCodec.decode` does for the same bytes (the row is then not kept).
    mutating func append(_ bytes: Span<UInt8>, ts: Int64, seq: UInt64) throws {
        guard bytes.count >= 2 else { throw TideError.onlineEntryCorrupted("row of \(bytes.count) bytes") }
        let stored = Int(bytes.loadLittleEndian(at: 0, as: UInt16.self))
        guard stored <= types.count else {
            throw TideError.onlineEntryCorrupted("row has \(stored) columns, the table \(types.count)")
        }
        var offset = 2 + (stored + 7) / 8
        guard offset <= bytes.count else { throw TideError.onlineEntryCorrupted("row bitmap truncated") }
        if rows == capacity { grow() }
        let width = positions.count
        let rowWords = words + rows * width
        let rowNulls = nulls + rows * width
        for column in 0..<stored {
            let slot = slots[column]
            if bytes[2 + column / 8] & (1 << UInt8(column % 8)) != 0 {
                if slot >= 0 {
                    rowWords[slot] = 0
                    rowNulls[slot] = true
                }
                continue
            }
            let type = types[column]
            if type == .string {
                guard offset + 4 <= bytes.count else { throw TideError.onlineEntryCorrupted("row field truncated") }
                let length = Int(bytes.loadLittleEndian(at: offset, as: UInt32.self))
                let start = offset + 4
                guard length <= bytes.count - start else {
                    throw TideError.onlineEntryCorrupted("row string truncated")
                }
                offset = start + length
                if slot >= 0 {
                    rowWords[slot] = UInt64(UInt32(bitPattern: try code(bytes, start, length)))
                    rowNulls[slot] = false
                }
                continue
            }
            let width = RowCodec.fixedWidth(type)
            guard offset + width <= bytes.count else { throw TideError.onlineEntryCorrupted("row field truncated") }
            defer { offset += width }
            guard slot >= 0 else { continue }
            let bits: UInt64
            switch type {
            case .bool: bits = bytes[offset] != 0 ? 1 : 0
            case .int16: bits = UInt64(bitPattern: Int64(bytes.loadLittleEndian(at: offset, as: Int16.self)))
            case .int32, .date: bits = UInt64(bitPattern: Int64(bytes.loadLittleEndian(at: offset, as: Int32.self)))
            case .int64, .timestamp, .double: bits = bytes.loadLittleEndian(at: offset, as: UInt64.self)
            case .float: bits = UInt64(bytes.loadLittleEndian(at: offset, as: UInt32.self))
            case .string: bits = 0
            }
            rowWords[slot] = bits
            rowNulls[slot] = false
        }
        guard offset == bytes.count else { throw TideError.onlineEntryCorrupted("row has trailing bytes") }
        // Columns added after the row was stored are NULL.
        for column in stored..<types.count where slots[column] >= 0 {
            rowWords[slots[column]] = 0
            rowNulls[slots[column]] = true
        }
        self.ts[rows] = ts
        seqs[rows] = seq
        rows += 1
    }

    /// The rows appended so far, column by column.
    var columns: IndexColumns {
        var out = IndexColumns(wanted: wanted)
        let count = rows
        out.ts = Array(UnsafeBufferPointer(start: ts, count: count))
        out.seqs = Array(UnsafeBufferPointer(start: seqs, count: count))
        let width = positions.count
        let (words, nulls) = (self.words, self.nulls)
        func column<T>(_ transform: (UInt64, Bool) -> T, slot k: Int) -> [T] {
            [T](unsafeUninitializedCapacity: count) { buffer, initialized in
                for r in 0..<count {
                    buffer.initializeElement(at: r, to: transform(words[r * width + k], nulls[r * width + k]))
                }
                initialized = count
            }
        }
        for (k, c) in positions.enumerated() {
            let valid = column({ !$1 }, slot: k)
            switch types[c] {
            case .bool, .int16, .int32, .int64, .date, .timestamp:
                out.columns[c] = .integers(
                    column({ value, _ in Int64(bitPattern: value) }, slot: k), valid: valid, type: types[c])
            case .double:
                out.columns[c] = .floats(
                    column({ value, _ in Double(bitPattern: value) }, slot: k), valid: valid, type: .double)
            case .float:
                // Boxed, so that a float's bits (NaN payloads) come back exactly.
                out.columns[c] = .boxed(
                    column({ $1 ? .null : .float(Float(bitPattern: UInt32(truncatingIfNeeded: $0))) }, slot: k))
            case .string:
                out.columns[c] = .strings(
                    column({ $1 ? -1 : Int32(truncatingIfNeeded: $0) }, slot: k), dictionary: dictionary)
            }
        }
        // A wanted position past the table's columns (none when called as intended) is NULL.
        for c in wanted.indices where wanted[c] && c >= types.count {
            out.columns[c] = .boxed(Array(repeating: .null, count: count))
        }
        return out
    }

    /// The code of the string of `length` bytes at `start` (a new code for a new string).
    private mutating func code(_ bytes: Span<UInt8>, _ start: Int, _ length: Int) throws -> Int32 {
        guard length <= Self.cachedLength else { return code(of: try Self.validated(bytes, start, length)) }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if start + 16 <= bytes.count {
            // Whole words, then only the string's bytes kept.
            low = bytes.loadLittleEndian(at: start, as: UInt64.self)
            high = bytes.loadLittleEndian(at: start + 8, as: UInt64.self)
            if length < 8 {
                low &= (1 << UInt64(8 * length)) &- 1
                high = 0
            } else if length < 16 {
                high &= (1 << UInt64(8 * (length - 8))) &- 1
            }
        } else {
            for i in 0..<length {
                let byte = UInt64(bytes[start + i])
                if i < 8 { low |= byte << UInt64(8 * i) } else { high |= byte << UInt64(8 * (i - 8)) }
            }
        }
        let mixed = (low ^ (high &* 0x100_0000_01b3) ^ UInt64(length)) &* 0x9E37_79B9_7F4A_7C15
        let slot = Int(truncatingIfNeeded: mixed >> 56)
        let short = ShortBytes(low: low, high: high, length: length)
        if cache[slot].bytes == short { return cache[slot].code }
        let code: Int32
        if let known = shortCodes[short] {
            code = known
        } else {
            code = Int32(dictionary.count)
            dictionary.append(try Self.validated(bytes, start, length))
            shortCodes[short] = code
        }
        cache[slot] = CachedString(bytes: short, code: code)
        return code
    }

    private mutating func code(of text: String) -> Int32 {
        if let code = codes[ExactText(text)] { return code }
        let code = Int32(dictionary.count)
        dictionary.append(text)
        codes[ExactText(text)] = code
        return code
    }

    private static func validated(_ bytes: Span<UInt8>, _ start: Int, _ length: Int) throws -> String {
        guard let text = try? UTF8Span(validating: bytes.extracting(start..<start + length)) else {
            throw TideError.onlineEntryCorrupted("row string is not valid UTF-8")
        }
        return String(copying: text)
    }
}
