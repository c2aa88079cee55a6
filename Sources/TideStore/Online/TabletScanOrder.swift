import TideCore

/// The order in which OpenMLDB's tablet scans a table through one index, which online
/// preview follows so that a query without ORDER BY (`LIMIT n`, GROUP BY's group order)
/// returns the rows OpenMLDB returns: the index's keys are spread over 8 segments by a
/// MurmurHash2 (seed 0xe17a1465) of the key's text; segments are read in turn, keys within
/// a segment by their bytes. A key's rows keep their arrival order, so that rows with equal
/// ts (and windows without ORDER BY) are ordered as in every other mode. The key text is
/// OpenMLDB's: values joined by `|`, integers and timestamps in decimal, a date as
/// `YYYY-MM-DD`, `!N@U#L$L%` for NULL and `!@#$%` for an empty string.
struct TabletScanOrder {
    static let segmentCount: UInt32 = 8
    static let seed: UInt32 = 0xe17a_1465

    let keyPositions: [Int]

    /// `rows` (in seq order) sorted into the tablet's scan order.
    func sorted(_ rows: [StoredRow]) -> [StoredRow] {
        struct SortKey {
            var segment: UInt32
            var key: [UInt8]
            var seq: UInt64
        }
        let keys = rows.map { row -> SortKey in
            let text = Array(Self.keyText(keyPositions.map { row.values[$0] }).utf8)
            return SortKey(segment: Self.murmur2(text, seed: Self.seed) % Self.segmentCount, key: text, seq: row.seq)
        }
        let order = rows.indices.sorted { a, b in
            let x = keys[a]
            let y = keys[b]
            if x.segment != y.segment { return x.segment < y.segment }
            if x.key != y.key { return x.key.lexicographicallyPrecedes(y.key) }
            return x.seq < y.seq
        }
        return order.map { rows[$0] }
    }

    static func integer(_ value: Value) -> Int64? {
        switch value {
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v), .timestamp(let v): return v
        default: return nil
        }
    }

    /// OpenMLDB's text of an index key.
    static func keyText(_ values: [Value]) -> String {
        values.map { value -> String in
            switch value {
            case .null: return "!N@U#L$L%"
            case .string(let s): return s.isEmpty ? "!@#$%" : s
            case .bool(let b): return b ? "true" : "false"
            case .date(let days): return CivilDate(days: Int64(days)).description
            default: return integer(value).map(String.init) ?? "\(value)"
            }
        }.joined(separator: "|")
    }

    /// MurmurHash2, 32 bits, little-endian blocks: the hash OpenMLDB spreads keys with.
    static func murmur2(_ bytes: [UInt8], seed: UInt32) -> UInt32 {
        let m: UInt32 = 0x5bd1_e995
        var h = seed ^ UInt32(truncatingIfNeeded: bytes.count)
        var i = 0
        while bytes.count - i >= 4 {
            var k =
                UInt32(bytes[i]) | UInt32(bytes[i + 1]) << 8 | UInt32(bytes[i + 2]) << 16 | UInt32(bytes[i + 3]) << 24
            k = k &* m
            k ^= k >> 24
            k = k &* m
            h = h &* m
            h ^= k
            i += 4
        }
        let rest = bytes.count - i
        if rest == 3 { h ^= UInt32(bytes[i + 2]) << 16 }
        if rest >= 2 { h ^= UInt32(bytes[i + 1]) << 8 }
        if rest >= 1 {
            h ^= UInt32(bytes[i])
            h = h &* m
        }
        h ^= h >> 13
        h = h &* m
        h ^= h >> 15
        return h
    }
}
