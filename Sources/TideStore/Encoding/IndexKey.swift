import TideCore

/// The one order-preserving layout of online index entries (ARCHITECTURE.md, "Storage layout
/// (online)"). Every index of every table is a contiguous key space under first byte `0x02`;
/// the value of an entry is the whole row (`RowCodec`).
///
///     ┌──────┬──────────┬──────────┬────────────┬──────────────────────┬──────────┬──────────┐
///     │ 0x02 │ table id │ name len │ index name │ key column values …  │   ~ts'   │   ~seq   │
///     │  1 B │ u32 BE   │ u32 BE   │ UTF-8      │ one field per column │  u64 BE  │  u64 BE  │
///     └──────┴──────────┴──────────┴────────────┴──────────────────────┴──────────┴──────────┘
///     ╰────────── indexPrefix(tableID:indexName:) ─────────╯
///     ╰─────────────────────── keyPrefix(…) : one key's rows ────────────────╯
///
/// A key column field is a type tag followed by a payload fixed by the column's type:
///
///     tag   column type          payload
///     0x00  NULL (any type)      none
///     0x01  bool                 1 byte (0 or 1)
///     0x02  int16 ┐
///     0x03  int32 ├ integers     8 bytes: Int64 with the sign bit flipped, big-endian
///     0x04  int64 ┘
///     0x05  float ┐              8 bytes: the value as a Double, IEEE order trick (negative:
///     0x06  double┘              all bits flipped, else sign bit set); NaN canonical, -0 → +0
///     0x07  string               u32 BE byte length + UTF-8 bytes
///     0x08  date                 4 bytes: Int32 with the sign bit flipped, big-endian
///     0x09  timestamp            8 bytes: Int64 with the sign bit flipped, big-endian
///
/// `ts'` is the index TS as `UInt64(bitPattern: ts) ^ 1<<63` (Int64 order as unsigned order),
/// stored bit-inverted so that newer rows sort first; `seq` is stored bit-inverted too, so ties
/// on TS put the last inserted row first. An index without a TS column stores ts = 0 in every
/// entry: its rows are ordered by seq alone (newest insertion first).
///
/// **Guarantees.**
/// - Every field is self-delimiting (fixed width per tag, or length-prefixed), so the encoding
///   of one key tuple is never a proper prefix of another's: the prefix of `user_1`
///   (`07 00000006 user_1`) cannot match a row of `user_10` (`07 00000007 user_10`).
/// - Within one key, byte order is (ts descending, seq descending), so a window is one seek
///   plus a forward scan; the fixed 16-byte suffix is decoded without parsing the key fields.
/// - Integer and floating keys of one column sort numerically (strings sort by length, then
///   bytes: only equality lookups are ever made on them).
/// - Lookup values are coerced to the column's type: any integer matches an integer or
///   timestamp column, `float` and `double` match each other (a float is widened exactly).
enum IndexKey {
    /// The first byte of every index entry.
    static let namespace: UInt8 = 0x02
    /// The bytes after the key fields: inverted ts and inverted seq.
    static let suffixLength = 16

    /// The prefix of every entry of every index of table `tableID`.
    static func tablePrefix(tableID: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [namespace]
        bytes.appendBigEndian(tableID)
        return bytes
    }

    /// The prefix of every entry of one index, and only of that index.
    static func indexPrefix(tableID: UInt32, indexName: String) -> [UInt8] {
        var bytes = tablePrefix(tableID: tableID)
        let name = Array(indexName.utf8)
        bytes.appendBigEndian(UInt32(truncatingIfNeeded: name.count))
        bytes.append(contentsOf: name)
        return bytes
    }

    /// `appendKey(_:types:columns:to:)` with one column name for every error message (tile
    /// keys, written for every row: no array of names to build).
    static func appendKey(_ values: [Value], types: [DataType], column: String, to bytes: inout [UInt8]) throws {
        for position in values.indices {
            try appendField(values[position], type: types[position], column: column, to: &bytes)
        }
    }

    /// Appends the key fields of `values` (one per key column, of `types`) to `bytes`, which
    /// then is the prefix of exactly the entries whose key equals `values`.
    /// - Throws: `42804` when a value cannot be compared with its column's type.
    static func appendKey(_ values: [Value], types: [DataType], columns: [String], to bytes: inout [UInt8]) throws {
        for position in values.indices {
            try appendField(values[position], type: types[position], column: columns[position], to: &bytes)
        }
    }

    /// `appendKey(_:types:columns:to:)` for the key columns of a whole row, at `positions`
    /// (no array of key values to build per row).
    static func appendKey(
        of row: [Value], positions: [Int], types: [DataType], columns: [String], to bytes: inout [UInt8]
    ) throws {
        for field in positions.indices {
            try appendField(row[positions[field]], type: types[field], column: columns[field], to: &bytes)
        }
    }

    /// Appends the suffix that orders entries of one key: inverted ts, then inverted seq.
    @inline(__always)
    static func appendSuffix(ts: Int64, seq: UInt64, to bytes: inout [UInt8]) {
        bytes.appendBigEndian(invertedTS(ts))
        bytes.appendBigEndian(~seq)
    }

    /// The bytes of `ts` as they appear in a key (for seeking to the first entry with TS ≤ ts).
    @inline(__always)
    static func invertedTS(_ ts: Int64) -> UInt64 {
        ~(UInt64(bitPattern: ts) ^ (1 << 63))
    }

    /// The TS and seq of a full entry key (its last 16 bytes).
    /// - Throws: `XX001` if the key is shorter than a suffix.
    @inline(__always)
    static func decodeSuffix(_ key: Span<UInt8>) throws -> (ts: Int64, seq: UInt64) {
        guard key.count >= suffixLength else { throw TideError.onlineEntryCorrupted("index key too short") }
        let start = key.count - suffixLength
        let ts = ~key.loadBigEndian(at: start, as: UInt64.self) ^ (1 << 63)
        let seq = ~key.loadBigEndian(at: start + 8, as: UInt64.self)
        return (Int64(bitPattern: ts), seq)
    }

    /// The tag of a non-null field of a column of `type`.
    static func tag(of type: DataType) -> UInt8 {
        switch type {
        case .bool: return 0x01
        case .int16: return 0x02
        case .int32: return 0x03
        case .int64: return 0x04
        case .float: return 0x05
        case .double: return 0x06
        case .string: return 0x07
        case .date: return 0x08
        case .timestamp: return 0x09
        }
    }

    /// The tag of a NULL key field.
    static let nullTag: UInt8 = 0x00

    private static func appendField(_ value: Value, type: DataType, column: String, to bytes: inout [UInt8]) throws {
        if case .null = value {
            bytes.append(nullTag)
            return
        }
        bytes.append(tag(of: type))
        switch type {
        case .bool:
            guard case .bool(let flag) = value else { throw TideError.onlineKeyType(column: column, type, value) }
            bytes.append(flag ? 1 : 0)
        case .int16, .int32, .int64, .timestamp:
            guard let integer = integerKey(value) else { throw TideError.onlineKeyType(column: column, type, value) }
            bytes.appendBigEndian(UInt64(bitPattern: integer) ^ (1 << 63))
        case .float, .double:
            guard let number = floatingKey(value) else { throw TideError.onlineKeyType(column: column, type, value) }
            bytes.appendBigEndian(orderedBits(number))
        case .string:
            guard case .string(let text) = value else { throw TideError.onlineKeyType(column: column, type, value) }
            let utf8 = text.utf8
            bytes.appendBigEndian(UInt32(truncatingIfNeeded: utf8.count))
            bytes.append(contentsOf: utf8)
        case .date:
            guard case .date(let days) = value else { throw TideError.onlineKeyType(column: column, type, value) }
            bytes.appendBigEndian(UInt32(bitPattern: days) ^ (1 << 31))
        }
    }

    /// An integer-like value as Int64 (integers and timestamps; not bools or dates).
    private static func integerKey(_ value: Value) -> Int64? {
        switch value {
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .timestamp(let v): return v
        case .null, .bool, .float, .double, .string, .date, .array, .map: return nil
        }
    }

    /// A float or double as Double.
    private static func floatingKey(_ value: Value) -> Double? {
        switch value {
        case .float(let v): return Double(v)
        case .double(let v): return v
        case .null, .bool, .int16, .int32, .int64, .string, .date, .timestamp, .array, .map: return nil
        }
    }

    /// IEEE-754 bits rearranged so that unsigned order is numeric order: negatives have every
    /// bit flipped, the rest the sign bit set. All NaNs become one (above +infinity), and
    /// -0 becomes +0 (SQL says they are equal).
    private static func orderedBits(_ number: Double) -> UInt64 {
        let canonical = number.isNaN ? Double.nan : (number == 0 ? 0 : number)
        let bits = canonical.bitPattern
        return bits & (1 << 63) != 0 ? ~bits : bits | (1 << 63)
    }
}
