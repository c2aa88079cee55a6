import Glibc
import TideCore

/// The distinct values of a distinct_count tile partial. A request for a long window unions
/// every tile of the frame (a 30-day frame of 1-hour tiles: 720 tiles, hundreds of thousands
/// of values), so the set keeps values as their tile encoding (`TileValueCodec`) in one byte
/// arena, hashed and compared as bytes, and reads a tile's values without making a `Value`
/// of each. That is exact only where equal encodings mean equal values and back: values of
/// one type among bool, the integers, date, timestamp and ASCII strings. The first value
/// outside that (a float or double, whose -0 equals 0; a non-ASCII string, equal to another
/// spelling of it; a second type) turns the set into a `Set<OrderedValue>` for good.
struct TileDistinctSet: Sendable {
    private var encoded = EncodedValueSet()
    /// The values, once `encoded` could no longer hold them exactly (nil before).
    private var values: Set<OrderedValue>?

    var count: Int { values?.count ?? encoded.count }

    mutating func insert(_ value: Value) {
        if values == nil {
            let inserted = TileValueCodec.withEncoded(value) { buffer in
                encoded.insertIfExact(UnsafeBufferPointer(buffer), at: 0, length: buffer.count)
            }
            if inserted { return }
            switchToValues()
        }
        values?.insert(OrderedValue(value))
    }

    /// Inserts the `count` values encoded one after the other from `offset` in `bytes` (by
    /// `TileValueCodec`), moving past them.
    mutating func insertEncoded(_ bytes: [UInt8], at offset: inout Int, count: Int) throws {
        var remaining = count
        if values == nil {
            try bytes.withUnsafeBufferPointer { buffer in
                while remaining > 0 {
                    let length = try TileValueCodec.encodedLength(buffer, at: offset)
                    guard encoded.insertIfExact(buffer, at: offset, length: length) else { return }
                    offset += length
                    remaining -= 1
                }
            }
            if remaining > 0 { switchToValues() }
        }
        for _ in 0..<remaining { values?.insert(OrderedValue(try TileValueCodec.read(bytes, &offset))) }
    }

    mutating func formUnion(_ other: TileDistinctSet) {
        guard other.count > 0 else { return }
        if values == nil, other.values == nil, encoded.count == 0 || encoded.tag == other.encoded.tag {
            encoded.formUnion(other.encoded)
            return
        }
        switchToValues()
        values?.formUnion(other.values ?? other.encoded.decoded())
    }

    /// The values' encodings, each as `TileValueCodec.append` writes it.
    func appendEncoded(to bytes: inout [UInt8]) {
        guard let values else { return encoded.appendAll(to: &bytes) }
        for value in values { TileValueCodec.append(value.value, to: &bytes) }
    }

    private mutating func switchToValues() {
        guard values == nil else { return }
        values = encoded.decoded()
        encoded = EncodedValueSet()
    }
}

/// An open-addressing hash set of encoded values of one type tag (see `TileDistinctSet`).
private struct EncodedValueSet: Sendable {
    /// The encodings, one after the other.
    private var arena: [UInt8] = []
    /// Per value: where its encoding starts in `arena` and its length (start << 32 | length),
    /// and its hash.
    private var locations: [UInt64] = []
    private var hashes: [UInt64] = []
    /// Value numbers + 1 by hash slot (0: empty); the capacity is a power of two, at most half
    /// full (none until the first value: most partials of a request or a write hold no values).
    private var slots: [Int32] = []
    /// The type tag every value has (0 while empty).
    private(set) var tag: UInt8 = 0

    var count: Int { locations.count }

    /// Inserts the encoding at `offset` when it can join the set exactly (a type whose
    /// encodings are equal exactly when the values are, and the set's type); false if not.
    mutating func insertIfExact(_ bytes: UnsafeBufferPointer<UInt8>, at offset: Int, length: Int) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        let valueTag = bytes[offset]
        guard tag == 0 || tag == valueTag else { return false }
        typealias Tag = TileValueCodec.Tag
        switch valueTag {
        case Tag.bool, Tag.int16, Tag.int32, Tag.int64, Tag.date, Tag.timestamp: break
        case Tag.string, Tag.shortString:
            // The payload after the tag and its length must be ASCII.
            let raw = UnsafeRawPointer(base)
            var i = offset + (valueTag == Tag.shortString ? 2 : TileValueCodec.fixedLength)
            let end = offset + length
            while i + 8 <= end {
                if raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 != 0 { return false }
                i += 8
            }
            while i < end {
                if bytes[i] >= 0x80 { return false }
                i += 1
            }
        default: return false
        }
        insert(UnsafeBufferPointer(start: base + offset, count: length))
        return true
    }

    mutating func formUnion(_ other: EncodedValueSet) {
        other.arena.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            for location in other.locations {
                insert(UnsafeBufferPointer(start: base + Int(location >> 32), count: Int(location & 0xFFFF_FFFF)))
            }
        }
    }

    private mutating func insert(_ value: UnsafeBufferPointer<UInt8>) {
        if slots.isEmpty { slots = Array(repeating: 0, count: 16) }
        let hash = Self.hash(value)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        // The probe reads the arrays through unchecked pointers: it runs once per value of
        // every tile a request merges.
        let found = slots.withUnsafeBufferPointer { slots in
            hashes.withUnsafeBufferPointer { hashes in
                locations.withUnsafeBufferPointer { locations in
                    arena.withUnsafeBufferPointer { arena in
                        while slots[slot] != 0 {
                            let other = Int(slots[slot] - 1)
                            if hashes[other] == hash,
                                Self.equal(arena, at: locations[other], value)
                            {
                                return true
                            }
                            slot = (slot + 1) & mask
                        }
                        return false
                    }
                }
            }
        }
        if found { return }
        if tag == 0 { tag = value[0] }
        locations.append(UInt64(arena.count) << 32 | UInt64(value.count))
        hashes.append(hash)
        arena.append(contentsOf: value)
        if count * 2 > slots.count {
            grow()
        } else {
            slots[slot] = Int32(count)
        }
    }

    /// Whether the encoding at `location` (start << 32 | length) in `arena` is `value`.
    private static func equal(
        _ arena: UnsafeBufferPointer<UInt8>, at location: UInt64, _ value: UnsafeBufferPointer<UInt8>
    )
        -> Bool
    {
        let count = value.count
        guard Int(location & 0xFFFF_FFFF) == count else { return false }
        guard let a = arena.baseAddress, let b = value.baseAddress else { return count == 0 }
        let x = UnsafeRawPointer(a + Int(location >> 32))
        let y = UnsafeRawPointer(b)
        // Most encodings are 4 to 24 bytes: compare 8 (or 4) at a time, the last overlapping.
        guard count >= 8 else {
            guard count >= 4 else { return memcmp(x, y, count) == 0 }
            return x.loadUnaligned(as: UInt32.self) == y.loadUnaligned(as: UInt32.self)
                && x.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
                    == y.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        }
        var i = 0
        while i + 8 < count {
            if x.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != y.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            {
                return false
            }
            i += 8
        }
        return x.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
            == y.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)
    }

    /// Doubles the slots and places every value again.
    private mutating func grow() {
        slots = Array(repeating: 0, count: slots.count * 2)
        let mask = slots.count - 1
        for (index, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(index + 1)
        }
    }

    /// 64-bit mixing of the encoding, 8 bytes at a time, the last 8 overlapping (the final mix
    /// spreads the bits the slot is taken from). Hashes live only in memory.
    private static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let base = bytes.baseAddress else { return 0 }
        let raw = UnsafeRawPointer(base)
        let count = bytes.count
        var h: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(count)
        if count >= 8 {
            var i = 0
            while i + 8 < count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
                h ^= h >> 31
                i += 8
            }
            h = (h ^ raw.loadUnaligned(fromByteOffset: count - 8, as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
        } else if count >= 4 {
            let chunk =
                UInt64(raw.loadUnaligned(as: UInt32.self)) << 32
                | UInt64(raw.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self))
            h = (h ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        } else {
            var chunk: UInt64 = 0
            for j in 0..<count { chunk = chunk << 8 | UInt64(bytes[j]) }
            h = (h ^ chunk) &* 0xBF58_476D_1CE4_E5B9
        }
        h = (h ^ (h >> 30)) &* 0x94D0_49BB_1331_11EB
        return h ^ (h >> 31)
    }

    func appendAll(to bytes: inout [UInt8]) { bytes += arena }

    func decoded() -> Set<OrderedValue> {
        var set = Set<OrderedValue>(minimumCapacity: count)
        var offset = 0
        while offset < arena.count, let value = try? TileValueCodec.read(arena, &offset) {
            set.insert(OrderedValue(value))
        }
        return set
    }
}
