import TideCore

/// Decodes `RowCodec` rows straight into unboxed columns (`ColumnValues`), only the columns
/// asked for (the others are stepped over), with no array per row. Strings become codes into
/// one dictionary per read (by their bytes, `ExactText`); the strings of one read repeat (categories, merchants, a key), so
/// a small cache by their bytes gives back a repeated string's code without validating and
/// copying its bytes again.
struct RowColumnDecoder {
    private let types: [DataType]
    private let wanted: [Bool]
    /// The wanted columns the table has, in column order.
    private let positions: [Int]
    /// Per row, per wanted column: the value's bits (Int64 form, float or double bits, string code).
    private var words: [UInt64] = []
    private var nulls: [Bool] = []
    private var ts: [Int64] = []
    private var seqs: [UInt64] = []
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

    init(_ table: TableDef, wanted: [Bool]) {
        let types = table.columns.map(\.type)
        self.types = types
        self.wanted = wanted
        positions = types.indices.filter { $0 < wanted.count && wanted[$0] }
        let cachesStrings = positions.contains { types[$0] == .string }
        cache = cachesStrings ? Array(repeating: CachedString(), count: Self.cacheSlots) : []
    }

    /// Appends one row (its index TS and seq, and the wanted columns of `bytes`).
    /// - Throws: `XX001` as `RowCodec.decode` does for the same bytes.
    mutating func append(_ bytes: Span<UInt8>, ts: Int64, seq: UInt64) throws {
        guard bytes.count >= 2 else { throw TideError.onlineEntryCorrupted("row of \(bytes.count) bytes") }
        let stored = Int(bytes.loadLittleEndian(at: 0, as: UInt16.self))
        guard stored <= types.count else {
            throw TideError.onlineEntryCorrupted("row has \(stored) columns, the table \(types.count)")
        }
        var offset = 2 + (stored + 7) / 8
        guard offset <= bytes.count else { throw TideError.onlineEntryCorrupted("row bitmap truncated") }
        for column in 0..<stored {
            let take = column < wanted.count && wanted[column]
            if bytes[2 + column / 8] & (1 << UInt8(column % 8)) != 0 {
                if take { appendNull() }
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
                if take { append(UInt64(UInt32(bitPattern: try code(bytes, start, length)))) }
                continue
            }
            let width = RowCodec.fixedWidth(type)
            guard offset + width <= bytes.count else { throw TideError.onlineEntryCorrupted("row field truncated") }
            defer { offset += width }
            guard take else { continue }
            let bits: UInt64
            switch type {
            case .bool: bits = bytes[offset] != 0 ? 1 : 0
            case .int16: bits = UInt64(bitPattern: Int64(bytes.loadLittleEndian(at: offset, as: Int16.self)))
            case .int32, .date: bits = UInt64(bitPattern: Int64(bytes.loadLittleEndian(at: offset, as: Int32.self)))
            case .int64, .timestamp, .double: bits = bytes.loadLittleEndian(at: offset, as: UInt64.self)
            case .float: bits = UInt64(bytes.loadLittleEndian(at: offset, as: UInt32.self))
            case .string: bits = 0
            }
            append(bits)
        }
        guard offset == bytes.count else { throw TideError.onlineEntryCorrupted("row has trailing bytes") }
        for column in stored..<types.count where column < wanted.count && wanted[column] { appendNull() }
        self.ts.append(ts)
        seqs.append(seq)
    }

    private mutating func append(_ bits: UInt64) {
        words.append(bits)
        nulls.append(false)
    }

    private mutating func appendNull() {
        words.append(0)
        nulls.append(true)
    }

    /// The rows appended so far, column by column.
    var columns: IndexColumns {
        var out = IndexColumns(wanted: wanted)
        out.ts = ts
        out.seqs = seqs
        let width = positions.count
        let rows = 0..<seqs.count
        for (k, c) in positions.enumerated() {
            let valid = rows.map { !nulls[$0 * width + k] }
            switch types[c] {
            case .bool, .int16, .int32, .int64, .date, .timestamp:
                out.columns[c] = .integers(
                    rows.map { Int64(bitPattern: words[$0 * width + k]) }, valid: valid, type: types[c])
            case .double:
                out.columns[c] = .floats(
                    rows.map { Double(bitPattern: words[$0 * width + k]) }, valid: valid, type: .double)
            case .float:
                // Boxed, so that a float's bits (NaN payloads) come back exactly.
                out.columns[c] = .boxed(
                    rows.map {
                        valid[$0] ? .float(Float(bitPattern: UInt32(truncatingIfNeeded: words[$0 * width + k]))) : .null
                    })
            case .string:
                out.columns[c] = .strings(
                    rows.map { valid[$0] ? Int32(truncatingIfNeeded: words[$0 * width + k]) : -1 },
                    dictionary: dictionary)
            }
        }
        // A wanted position past the table's columns (none when called as intended) is NULL.
        for c in wanted.indices where wanted[c] && c >= types.count {
            out.columns[c] = .boxed(Array(repeating: .null, count: seqs.count))
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
