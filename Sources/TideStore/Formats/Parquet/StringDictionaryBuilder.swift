/// Collects the distinct strings of a column chunk for dictionary encoding, with the code of
/// every value: an open-addressing table hashed with FNV-1a over the UTF-8 bytes (several
/// times cheaper than `Dictionary<String, _>`'s SipHash on short keys).
struct StringDictionaryBuilder {
    /// The distinct strings, by code.
    private(set) var order: [String] = []
    /// The code of every inserted value, in order.
    private(set) var codes: [UInt32] = []
    private let limit: Int
    private var slots: [Int32]
    private var hashes: [UInt64] = []
    private var mask: Int

    /// A builder that gives up after `limit` distinct strings.
    init(limit: Int) {
        self.limit = limit
        let capacity = 1 << max(4, (min(limit, 1 << 16) * 2).bitWidth - (min(limit, 1 << 16) * 2).leadingZeroBitCount)
        slots = Array(repeating: -1, count: capacity)
        mask = capacity - 1
    }

    /// Adds a value; false once there are more than `limit` distinct strings.
    mutating func insert(_ text: String) -> Bool {
        let hash = Self.hash(text)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry < 0 { break }
            if hashes[Int(entry)] == hash && order[Int(entry)] == text {
                codes.append(UInt32(entry))
                return true
            }
            slot = (slot + 1) & mask
        }
        guard order.count < limit else { return false }
        slots[slot] = Int32(order.count)
        codes.append(UInt32(order.count))
        order.append(text)
        hashes.append(hash)
        if order.count * 2 > slots.count { grow() }
        return true
    }

    private mutating func grow() {
        slots = Array(repeating: -1, count: slots.count * 2)
        mask = slots.count - 1
        for (i, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] >= 0 { slot = (slot + 1) & mask }
            slots[slot] = Int32(i)
        }
    }

    private static func hash(_ text: String) -> UInt64 {
        var copy = text
        return copy.withUTF8 { bytes in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes { h = (h ^ UInt64(byte)) &* 0x100_0000_01b3 }
            return h ^ (h >> 29)
        }
    }
}
