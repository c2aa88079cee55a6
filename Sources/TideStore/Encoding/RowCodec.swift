import TideCore

/// The compact byte encoding of one row of a table, the value of row-log and index entries.
///
///     ┌────────────┬──────────────────────┬───────────────────────────────────────────┐
///     │ n: u16 LE  │ null bitmap          │ the non-null fields, in column order      │
///     │ (columns)  │ ⌈n/8⌉ B, bit c = NULL│                                           │
///     └────────────┴──────────────────────┴───────────────────────────────────────────┘
///
///     type              field (little-endian)
///     bool              1 byte, 0 or 1
///     int16             2 bytes
///     int32, date       4 bytes (a date is days since 1970-01-01, negative before)
///     int64, timestamp  8 bytes (a timestamp is ms since the Unix epoch)
///     float, double     4 / 8 bytes: the IEEE-754 bit pattern, exactly (NaN payloads, -0)
///     string            u32 byte length + UTF-8 bytes
///
/// Bit `c` of the bitmap is bit `c % 8` of byte `c / 8`. A row stored with fewer columns than
/// the table has now decodes with NULL for the missing trailing columns (columns added
/// later); more columns than the table has is an error.
///
/// Encoding checks every value against its column's type (no coercion: the caller casts).
/// Decoding reads borrowed bytes (`Span`) and allocates only the result array and the
/// strings longer than Swift's small-string capacity.
struct RowCodec: Sendable {
    /// The column types, in column order.
    let types: [DataType]
    /// The column names, for error messages.
    let names: [String]

    /// The codec of `table`'s current columns.
    init(_ table: TableDef) {
        self.types = table.columns.map(\.type)
        self.names = table.columns.map(\.name)
    }

    /// Appends the encoding of `row` to `bytes`.
    /// - Throws: `42804` if `row` has another width than the table, or a value has another
    ///   type than its column.
    func encode(_ row: [Value], into bytes: inout [UInt8]) throws {
        guard row.count == types.count else { throw TideError.onlineRowWidth(expected: types.count, found: row.count) }
        bytes.appendLittleEndian(UInt16(truncatingIfNeeded: types.count))
        let bitmapStart = bytes.count
        bytes.append(contentsOf: repeatElement(0, count: (types.count + 7) / 8))
        for column in row.indices {
            let value = row[column]
            switch (types[column], value) {
            case (_, .null):
                bytes[bitmapStart + column / 8] |= 1 << UInt8(column % 8)
            case (.bool, .bool(let v)): bytes.append(v ? 1 : 0)
            case (.int16, .int16(let v)): bytes.appendLittleEndian(v)
            case (.int32, .int32(let v)): bytes.appendLittleEndian(v)
            case (.int64, .int64(let v)): bytes.appendLittleEndian(v)
            case (.float, .float(let v)): bytes.appendLittleEndian(v.bitPattern)
            case (.double, .double(let v)): bytes.appendLittleEndian(v.bitPattern)
            case (.date, .date(let v)): bytes.appendLittleEndian(v)
            case (.timestamp, .timestamp(let v)): bytes.appendLittleEndian(v)
            case (.string, .string(let v)):
                let utf8 = v.utf8
                guard let length = UInt32(exactly: utf8.count) else {
                    throw TideError.onlineValueType(column: names[column], types[column], value)
                }
                bytes.appendLittleEndian(length)
                bytes.append(contentsOf: utf8)
            case (.bool, _), (.int16, _), (.int32, _), (.int64, _), (.float, _), (.double, _), (.date, _),
                (.timestamp, _), (.string, _):
                throw TideError.onlineValueType(column: names[column], types[column], value)
            }
        }
    }

    /// The encoding of `row`.
    func encode(_ row: [Value]) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(2 + (types.count + 7) / 8 + types.count * 8)
        try encode(row, into: &bytes)
        return bytes
    }

    /// Decodes a row from a copy of its bytes.
    func decode(_ bytes: [UInt8]) throws -> [Value] {
        try decode(bytes.span)
    }

    /// Decodes a row from borrowed bytes.
    /// - Throws: `XX001` if the bytes are truncated, malformed, or hold more columns than
    ///   the table has.
    func decode(_ bytes: Span<UInt8>) throws -> [Value] {
        guard bytes.count >= 2 else { throw TideError.onlineEntryCorrupted("row of \(bytes.count) bytes") }
        let stored = Int(bytes.loadLittleEndian(at: 0, as: UInt16.self))
        guard stored <= types.count else {
            throw TideError.onlineEntryCorrupted("row has \(stored) columns, the table \(types.count)")
        }
        let bitmapStart = 2
        var offset = bitmapStart + (stored + 7) / 8
        guard offset <= bytes.count else { throw TideError.onlineEntryCorrupted("row bitmap truncated") }
        var row: [Value] = []
        row.reserveCapacity(types.count)
        for column in 0..<stored {
            if bytes[bitmapStart + column / 8] & (1 << UInt8(column % 8)) != 0 {
                row.append(.null)
                continue
            }
            row.append(try Self.decodeField(types[column], bytes, &offset))
        }
        guard offset == bytes.count else { throw TideError.onlineEntryCorrupted("row has trailing bytes") }
        for _ in stored..<types.count { row.append(.null) }
        return row
    }

    /// Decodes one non-null field of `type` at `offset` and moves `offset` past it.
    @inline(__always)
    private static func decodeField(_ type: DataType, _ bytes: Span<UInt8>, _ offset: inout Int) throws -> Value {
        let width = fixedWidth(type)
        guard offset + width <= bytes.count else { throw TideError.onlineEntryCorrupted("row field truncated") }
        defer { offset += width }
        switch type {
        case .bool: return .bool(bytes[offset] != 0)
        case .int16: return .int16(bytes.loadLittleEndian(at: offset))
        case .int32: return .int32(bytes.loadLittleEndian(at: offset))
        case .int64: return .int64(bytes.loadLittleEndian(at: offset))
        case .float: return .float(Float(bitPattern: bytes.loadLittleEndian(at: offset)))
        case .double: return .double(Double(bitPattern: bytes.loadLittleEndian(at: offset)))
        case .date: return .date(bytes.loadLittleEndian(at: offset))
        case .timestamp: return .timestamp(bytes.loadLittleEndian(at: offset))
        case .string:
            let length = Int(bytes.loadLittleEndian(at: offset, as: UInt32.self))
            let start = offset + width
            guard length <= bytes.count - start else { throw TideError.onlineEntryCorrupted("row string truncated") }
            offset += length
            guard let text = try? UTF8Span(validating: bytes.extracting(start..<start + length)) else {
                throw TideError.onlineEntryCorrupted("row string is not valid UTF-8")
            }
            return .string(String(copying: text))
        }
    }

    /// The bytes a field of `type` takes before any variable part (a string's length).
    @inline(__always)
    static func fixedWidth(_ type: DataType) -> Int {
        switch type {
        case .bool: return 1
        case .int16: return 2
        case .int32, .date, .float, .string: return 4
        case .int64, .timestamp, .double: return 8
        }
    }
}
