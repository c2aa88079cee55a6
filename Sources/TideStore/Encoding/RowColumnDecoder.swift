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
    /// Per table column, how its value is stored and where it goes (`Step`), in raw memory
    /// so that the per-row loop reads it unchecked; `columnCount` of them.
    private let steps: UnsafeMutablePointer<Step>
    private let columnCount: Int
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

    /// How one column of a row is stored: its width (0: a string, its length first), how its
    /// bytes become a word, and its slot among the decoded columns (-1: stepped over).
    private struct Step {
        var width: Int
        var kind: Kind
        var slot: Int
    }

    private enum Kind: UInt8 {
        /// Little-endian bits, zero-extended (64-bit values, float bits).
        case unsigned
        /// Little-endian bits, sign-extended (int16, int32, date).
        case signed
        case bool
        case string
    }

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
        columnCount = types.count
        steps = .allocate(capacity: max(1, types.count))
        for (c, type) in types.enumerated() {
            let kind: Kind
            switch type {
            case .bool: kind = .bool
            case .int16, .int32, .date: kind = .signed
            case .int64, .timestamp, .double, .float: kind = .unsigned
            case .string: kind = .string
            }
            (steps + c).initialize(
                to: Step(width: type == .string ? 0 : RowCodec.fixedWidth(type), kind: kind, slot: slots[c]))
        }
        let cachesStrings = positions.contains { types[$0] == .string }
        cache = cachesStrings ? Array(repeating: CachedString(), count: Self.cacheSlots) : []
        if cachesStrings {
            // A read's distinct strings (a window's merchants, categories) without regrowing.
            shortCodes.reserveCapacity(64)
            dictionary.reserveCapacity(64)
        }
        capacity = max(1, expectedRows)
        let width = max(1, positions.count)
        words = .allocate(capacity: capacity * width)
        nulls = .allocate(capacity: capacity * width)
        ts = .allocate(capacity: capacity)
        seqs = .allocate(capacity: capacity)
    }

    deinit {
        steps.deallocate()
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
        try bytes.withUnsafeBufferPointer { try append(UnsafeRawBufferPointer($0), ts: ts, seq: seq) }
    }

    /// `append` over the row's memory: every field's bounds are checked once, then it is read
    /// unchecked.
    private mutating func append(_ bytes: UnsafeRawBufferPointer, ts: Int64, seq: UInt64) throws {
        let count = bytes.count
        guard count >= 2, let base = bytes.baseAddress else {
            throw TideError.onlineEntryCorrupted("row of \(count) bytes")
        }
        let stored = Int(UInt16(littleEndian: base.loadUnaligned(as: UInt16.self)))
        guard stored <= columnCount else {
            throw TideError.onlineEntryCorrupted("row has \(stored) columns, the table \(columnCount)")
        }
        var offset = 2 + (stored + 7) / 8
        guard offset <= count else { throw TideError.onlineEntryCorrupted("row bitmap truncated") }
        if rows == capacity { grow() }
        let width = positions.count
        let rowWords = words + rows * width
        let rowNulls = nulls + rows * width
        let bitmap = base + 2
        for column in 0..<stored {
            let step = steps[column]
            if bitmap.load(fromByteOffset: column >> 3, as: UInt8.self) & (1 << UInt8(column & 7)) != 0 {
                if step.slot >= 0 {
                    rowWords[step.slot] = 0
                    rowNulls[step.slot] = true
                }
                continue
            }
            if step.kind == .string {
                guard count - offset >= 4 else { throw TideError.onlineEntryCorrupted("row field truncated") }
                let length = Int(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
                let start = offset + 4
                guard length <= count - start else { throw TideError.onlineEntryCorrupted("row string truncated") }
                offset = start + length
                if step.slot >= 0 {
                    rowWords[step.slot] = UInt64(UInt32(bitPattern: try code(bytes, start, length)))
                    rowNulls[step.slot] = false
                }
                continue
            }
            guard count - offset >= step.width else { throw TideError.onlineEntryCorrupted("row field truncated") }
            defer { offset += step.width }
            guard step.slot >= 0 else { continue }
            let bits: UInt64
            switch (step.kind, step.width) {
            case (.bool, _): bits = base.load(fromByteOffset: offset, as: UInt8.self) != 0 ? 1 : 0
            case (_, 8): bits = UInt64(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            case (.signed, 2):
                bits = UInt64(
                    bitPattern: Int64(Int16(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int16.self))))
            case (.signed, _):
                bits = UInt64(
                    bitPattern: Int64(Int32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: Int32.self))))
            default: bits = UInt64(UInt32(littleEndian: base.loadUnaligned(fromByteOffset: offset, as: UInt32.self)))
            }
            rowWords[step.slot] = bits
            rowNulls[step.slot] = false
        }
        guard offset == count else { throw TideError.onlineEntryCorrupted("row has trailing bytes") }
        // Columns added after the row was stored are NULL.
        for column in stored..<columnCount where slots[column] >= 0 {
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
    private mutating func code(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) throws -> Int32 {
        guard length <= Self.cachedLength else { return code(of: try Self.validated(bytes, start, length)) }
        var low: UInt64 = 0
        var high: UInt64 = 0
        if start + 16 <= bytes.count {
            // Whole words, then only the string's bytes kept.
            low = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start, as: UInt64.self))
            high = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: start + 8, as: UInt64.self))
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

    private static func validated(_ bytes: UnsafeRawBufferPointer, _ start: Int, _ length: Int) throws -> String {
        guard
            let text = String(
                validating: UnsafeRawBufferPointer(rebasing: bytes[start..<start + length]).bindMemory(to: UInt8.self),
                as: UTF8.self)
        else {
            throw TideError.onlineEntryCorrupted("row string is not valid UTF-8")
        }
        return text
    }
}
