/// The distinct strings of one segment column, each numbered in order of first appearance:
/// what a dictionary-coded string section (`OfflineSegment`, encoding `.dictionary`) stores.
///
/// Strings are kept as UTF-8 bytes in one arena and found by their bytes through an
/// open-addressing table, so a repeated value costs one hash and one comparison, and no
/// allocation.
struct SegmentStringDictionary {
    /// Entry `k`'s bytes are `bytes[offsets[k]..<offsets[k + 1]]`.
    private(set) var offsets: [UInt32] = [0]
    private(set) var bytes: [UInt8] = []
    /// Entry number + 1 per slot (0 = empty); the count is a power of two.
    private var slots: [UInt32] = Array(repeating: 0, count: 1024)
    /// Per entry: its first 16 bytes (zero-padded), length and hash, compared before the arena.
    private var entries: [Entry] = []
    /// Strings seen recently and their codes, by the bits of the `String` value itself: equal
    /// bits are the same string (the cached `String` is kept alive, so its storage cannot be
    /// reused for another text meanwhile); a short string's bits are its bytes, so repeats of
    /// it are found without reading its bytes at all.
    private var recentStrings = [String](repeating: "", count: recentSlots)
    private var recentCodes = [UInt32](repeating: noCode, count: recentSlots)
    private static let recentSlots = 1024
    private static let noCode = UInt32.max

    private struct Entry {
        var head: Head
        var length: Int
        var hash: UInt64
    }

    /// Up to the first 16 bytes of a string, zero-padded.
    private struct Head: Equatable {
        var low: UInt64 = 0
        var high: UInt64 = 0
    }

    /// Distinct strings held.
    var count: Int { offsets.count - 1 }

    /// The number of `text`'s bytes, added when they are new. Nil when the arena would pass
    /// UInt32 offsets.
    mutating func code(of text: String) -> UInt32? {
        let bits = unsafeBitCast(text, to: (UInt64, UInt64).self)
        var mixed = (bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xD6E8_FEB8_6659_FD93
        mixed ^= mixed >> 32
        let slot = Int(truncatingIfNeeded: mixed) & (Self.recentSlots - 1)
        let cached = recentCodes[slot]
        if cached != Self.noCode {
            let seen = unsafeBitCast(recentStrings[slot], to: (UInt64, UInt64).self)
            if seen == bits { return cached }
        }
        let found =
            text.utf8.withContiguousStorageIfAvailable { code(of: $0) }
            ?? Array(text.utf8).withUnsafeBufferPointer { code(of: $0) }
        if let found {
            recentStrings[slot] = text
            recentCodes[slot] = found
        }
        return found
    }

    /// The number of `utf8`, added when it is new. Nil when the arena would pass UInt32 offsets.
    mutating func code(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let head = Self.head(utf8)
        let hash = Self.hash(head, utf8)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let k = Int(entry - 1)
            let candidate = entries[k]
            if candidate.hash == hash && candidate.head == head && candidate.length == utf8.count
                && (utf8.count <= 16 || tailEquals(k, utf8))
            {
                return UInt32(k)
            }
            slot = (slot + 1) & mask
        }
        guard bytes.count + utf8.count <= Int(UInt32.max) else { return nil }
        let k = count
        bytes.append(contentsOf: utf8)
        offsets.append(UInt32(bytes.count))
        entries.append(Entry(head: head, length: utf8.count, hash: hash))
        slots[slot] = UInt32(k + 1)
        if count * 2 > slots.count { grow() }
        return UInt32(k)
    }

    /// The first 16 bytes of `utf8`, zero-padded (two unaligned loads for a long string).
    private static func head(_ utf8: UnsafeBufferPointer<UInt8>) -> Head {
        guard let base = utf8.baseAddress else { return Head() }
        let raw = UnsafeRawPointer(base)
        if utf8.count >= 16 {
            // The bytes as they lie in memory, as the zero-padded copy below.
            return Head(
                low: raw.loadUnaligned(as: UInt64.self), high: raw.loadUnaligned(fromByteOffset: 8, as: UInt64.self))
        }
        #if _endian(little)
            if utf8.count > 8 {
                // Bytes 8..<count: the last eight bytes, shifted down past those before byte 8.
                let last = raw.loadUnaligned(fromByteOffset: utf8.count - 8, as: UInt64.self)
                return Head(low: raw.loadUnaligned(as: UInt64.self), high: last >> UInt64(8 * (16 - utf8.count)))
            }
            if utf8.count == 8 { return Head(low: raw.loadUnaligned(as: UInt64.self), high: 0) }
            if utf8.count >= 4 {
                // Bytes 0..<4 and count-4..<count, overlapping (the same bytes in the same places).
                let first = UInt64(raw.loadUnaligned(as: UInt32.self))
                let last = UInt64(raw.loadUnaligned(fromByteOffset: utf8.count - 4, as: UInt32.self))
                return Head(low: first | last << UInt64(8 * (utf8.count - 4)), high: 0)
            }
        #endif
        var head = Head()
        withUnsafeMutableBytes(of: &head) { target in
            for k in 0..<utf8.count { target[k] = base[k] }
        }
        return head
    }

    /// Forgets every entry, keeping capacity.
    mutating func removeAll() {
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        bytes.removeAll(keepingCapacity: true)
        entries.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = 0 }
        for i in recentCodes.indices { recentCodes[i] = Self.noCode }
    }

    /// Whether entry `k`'s bytes past the first 16 equal `utf8`'s (same length, same head).
    private func tailEquals(_ k: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[k])
        return bytes.withUnsafeBufferPointer { stored in
            UnsafeBufferPointer(rebasing: stored[(start + 16)..<(start + utf8.count)])
                .elementsEqual(UnsafeBufferPointer(rebasing: utf8[16...]))
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var grown = [UInt32](repeating: 0, count: size)
        for (k, entry) in entries.enumerated() {
            var slot = Int(truncatingIfNeeded: entry.hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = UInt32(k + 1)
        }
        slots = grown
    }

    /// A fast 64-bit mix of the head, the length and any bytes past 16 (not for anything but
    /// this table).
    private static func hash(_ head: Head, _ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = (head.low ^ UInt64(utf8.count)) &* multiplier
        h = (h ^ (h >> 29) ^ head.high) &* multiplier
        var i = 16
        while i < utf8.count {
            h = (h ^ UInt64(utf8[i])) &* multiplier
            i += 1
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
