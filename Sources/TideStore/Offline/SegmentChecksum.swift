/// A fast 64-bit checksum of a segment's bytes (an xxHash64-style word mix, not a
/// cryptographic hash): it catches truncation, torn writes and flipped bits.
enum SegmentChecksum {
    private static let prime1: UInt64 = 0x9E37_79B1_85EB_CA87
    private static let prime2: UInt64 = 0xC2B2_AE3D_27D4_EB4F
    private static let prime3: UInt64 = 0x1656_67B1_9E37_79F9

    /// The checksum of `bytes`.
    static func compute(_ bytes: UnsafeRawBufferPointer) -> UInt64 {
        let n = bytes.count
        // Four independent lanes keep the multiplier pipeline busy.
        var lanes: (UInt64, UInt64, UInt64, UInt64) = (prime1 &+ prime2, prime2, 0, 0 &- prime1)
        var i = 0
        while i + 32 <= n {
            lanes.0 = round(lanes.0, word(bytes, i))
            lanes.1 = round(lanes.1, word(bytes, i + 8))
            lanes.2 = round(lanes.2, word(bytes, i + 16))
            lanes.3 = round(lanes.3, word(bytes, i + 24))
            i += 32
        }
        var h = rotate(lanes.0, 1) &+ rotate(lanes.1, 7) &+ rotate(lanes.2, 12) &+ rotate(lanes.3, 18)
        h = h &+ UInt64(n)
        while i + 8 <= n {
            h = rotate(h ^ round(0, word(bytes, i)), 27) &* prime1 &+ prime3
            i += 8
        }
        while i < n {
            h = rotate(h ^ (UInt64(bytes[i]) &* prime3), 11) &* prime1
            i += 1
        }
        h ^= h >> 33
        h = h &* prime2
        h ^= h >> 29
        h = h &* prime3
        h ^= h >> 32
        return h
    }

    @inline(__always)
    private static func word(_ bytes: UnsafeRawBufferPointer, _ offset: Int) -> UInt64 {
        UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    @inline(__always)
    private static func round(_ accumulator: UInt64, _ input: UInt64) -> UInt64 {
        rotate(accumulator &+ input &* prime2, 31) &* prime1
    }

    @inline(__always)
    private static func rotate(_ x: UInt64, _ r: UInt64) -> UInt64 { (x << r) | (x >> (64 - r)) }
}
