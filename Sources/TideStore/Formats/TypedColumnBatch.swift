import TideCore

/// Rows parsed straight into typed buffers, one per column in the table's order: what the CSV
/// reader hands the offline segment writer, with no `Value` (and no `String`) per cell.
public struct TypedColumnBatch: Sendable {
    public var columns: [TypedColumn]
    public var count: Int

    public init(columns: [TypedColumn], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// The same rows as values, for writers that take values.
    public func columnBatch() -> ColumnBatch {
        ColumnBatch(columns: columns.map { $0.values() }, count: count)
    }
}

/// One column of a `TypedColumnBatch`: per row the value, either as the bits the offline
/// segment stores (`words`; narrower types sign-extended or widened to 64 bits, 0 for NULL) or,
/// for strings, as UTF-8 bytes back to back (`bytes`, row `r`'s ending at `ends[r]`; empty for
/// NULL), and which rows are NULL. String bytes are valid UTF-8. Appending a value costs one
/// array append (two for a string): the NULL bitmap is only grown when a NULL arrives.
public struct TypedColumn: Sendable {
    public let type: DataType
    /// Bit `r % 64` of word `r / 64` is set when row `r` is NULL; words past the end are 0.
    private var nullBits: [UInt64] = []
    private(set) var nullCount = 0
    private(set) var words: [UInt64] = []
    private(set) var bytes: [UInt8] = []
    private(set) var ends: [Int] = []

    public init(type: DataType, reservingRows rows: Int = 0) {
        self.type = type
        if type == .string {
            ends.reserveCapacity(rows)
            bytes.reserveCapacity(rows * 8)
        } else {
            words.reserveCapacity(rows)
        }
    }

    /// Rows held.
    public var count: Int { type == .string ? ends.count : words.count }

    /// Whether row `row` is NULL.
    func isNull(_ row: Int) -> Bool {
        let word = row >> 6
        return word < nullBits.count && nullBits[word] & (1 << UInt64(row & 63)) != 0
    }

    mutating func appendNull() {
        let row = count
        while nullBits.count <= row >> 6 { nullBits.append(0) }
        nullBits[row >> 6] |= 1 << UInt64(row & 63)
        nullCount += 1
        if type == .string { ends.append(bytes.count) } else { words.append(0) }
    }

    /// Appends a non-string value given as the bits `words` holds for it.
    mutating func append(word: UInt64) {
        words.append(word)
    }

    /// Appends a string value from its (valid UTF-8) bytes.
    mutating func append(utf8: UnsafeRawBufferPointer) {
        bytes.append(contentsOf: utf8.assumingMemoryBound(to: UInt8.self))
        ends.append(bytes.count)
    }

    /// Appends a string value from its bytes, taking every other byte after a `quote` (a
    /// quoted CSV field whose quotes are doubled).
    mutating func append(escaped utf8: UnsafeRawBufferPointer, quote: UInt8) {
        var k = 0
        while k < utf8.count {
            bytes.append(utf8[k])
            k += utf8[k] == quote ? 2 : 1
        }
        ends.append(bytes.count)
    }

    /// The bytes of the string appended last (after `append(escaped:quote:)`, to check them).
    var lastString: ArraySlice<UInt8> {
        bytes[(ends.count > 1 ? ends[ends.count - 2] : 0)...]
    }

    /// Row `row`'s string bytes (empty for NULL).
    func stringRange(_ row: Int) -> Range<Int> {
        (row == 0 ? 0 : ends[row - 1])..<ends[row]
    }

    /// Row `row` as a value.
    public func value(at row: Int) -> Value {
        if isNull(row) { return .null }
        let bits = words.isEmpty ? 0 : words[row]
        switch type {
        case .string:
            return .string(bytes.withUnsafeBufferPointer { String(decoding: $0[stringRange(row)], as: UTF8.self) })
        case .bool: return .bool(bits != 0)
        case .int16: return .int16(Int16(truncatingIfNeeded: bits))
        case .int32: return .int32(Int32(truncatingIfNeeded: bits))
        case .int64: return .int64(Int64(bitPattern: bits))
        case .float: return .float(Float(bitPattern: UInt32(truncatingIfNeeded: bits)))
        case .double: return .double(Double(bitPattern: bits))
        case .date: return .date(Int32(truncatingIfNeeded: bits))
        case .timestamp: return .timestamp(Int64(bitPattern: bits))
        }
    }

    /// Every row as a value.
    public func values() -> [Value] { (0..<count).map(value(at:)) }
}
