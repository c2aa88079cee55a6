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
    private var hashes: [UInt64] = []

    /// Distinct strings held.
    var count: Int { offsets.count - 1 }

    /// The number of `utf8`, added when it is new. Nil when the arena would pass UInt32 offsets.
    mutating func code(of utf8: UnsafeBufferPointer<UInt8>) -> UInt32? {
        let hash = Self.hash(utf8)
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[slot]
            if entry == 0 { break }
            let k = Int(entry - 1)
            if hashes[k] == hash && equals(k, utf8) { return UInt32(k) }
            slot = (slot + 1) & mask
        }
        guard bytes.count + utf8.count <= Int(UInt32.max) else { return nil }
        let k = count
        bytes.append(contentsOf: utf8)
        offsets.append(UInt32(bytes.count))
        hashes.append(hash)
        slots[slot] = UInt32(k + 1)
        if count * 2 > slots.count { grow() }
        return UInt32(k)
    }

    /// Forgets every entry, keeping capacity.
    mutating func removeAll() {
        offsets.removeAll(keepingCapacity: true)
        offsets.append(0)
        bytes.removeAll(keepingCapacity: true)
        hashes.removeAll(keepingCapacity: true)
        for i in slots.indices { slots[i] = 0 }
    }

    private func equals(_ k: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(offsets[k])
        let length = Int(offsets[k + 1]) - start
        guard length == utf8.count else { return false }
        guard let probe = utf8.baseAddress else { return true }
        return bytes.withUnsafeBufferPointer { stored in
            guard let base = stored.baseAddress else { return false }
            let a = UnsafeRawPointer(base + start)
            let b = UnsafeRawPointer(probe)
            var i = 0
            while i + 8 <= length {
                guard
                    a.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                        == b.loadUnaligned(fromByteOffset: i, as: UInt64.self)
                else { return false }
                i += 8
            }
            while i < length {
                guard a.load(fromByteOffset: i, as: UInt8.self) == b.load(fromByteOffset: i, as: UInt8.self) else {
                    return false
                }
                i += 1
            }
            return true
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        let mask = size - 1
        var grown = [UInt32](repeating: 0, count: size)
        for (k, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while grown[slot] != 0 { slot = (slot + 1) & mask }
            grown[slot] = UInt32(k + 1)
        }
        slots = grown
    }

    /// A fast 64-bit mix of the bytes, eight at a time (not for anything but this table).
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(utf8.count) &* multiplier
        guard let base = utf8.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= utf8.count {
            let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            h = (h ^ word) &* multiplier
            h ^= h >> 29
            i += 8
        }
        if i < utf8.count {
            var word: UInt64 = 0
            var shift: UInt64 = 0
            while i < utf8.count {
                word |= UInt64(base[i]) << shift
                shift += 8
                i += 1
            }
            h = (h ^ word) &* multiplier
        }
        h ^= h >> 32
        h = h &* 0xD6E8_FEB8_6659_FD93
        return h ^ (h >> 32)
    }
}
