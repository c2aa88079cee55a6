/// FarmHash's `Fingerprint64` (the `farmhashna` 64-bit hash with seed 81 for long inputs), written
/// from the published algorithm. It is a fixed function of the bytes on every platform, which is
/// what OpenMLDB's `hash64` returns (as a signed int64).
///
/// Checked against OpenMLDB outputs: `hash64(int32 3)`, `hash64(int64 3)`, `hash64(int32 90)` and
/// the strings `"3"`, `"22"` and 66 × `"a"` (the 0–16 byte and over-64 byte paths).
enum FarmHash {
    private static let k0: UInt64 = 0xc3a5_c85c_97cb_3127
    private static let k1: UInt64 = 0xb492_b66f_be98_f273
    private static let k2: UInt64 = 0x9ae1_6a3b_2f90_404f

    /// The 64-bit fingerprint of `bytes`.
    static func fingerprint64(_ bytes: [UInt8]) -> UInt64 {
        let n = bytes.count
        if n <= 16 { return hashLen0to16(bytes) }
        if n <= 32 { return hashLen17to32(bytes) }
        if n <= 64 { return hashLen33to64(bytes) }
        return hashLong(bytes)
    }

    private static func fetch64(_ s: [UInt8], _ i: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<8 { v |= UInt64(s[i + k]) << (8 * UInt64(k)) }
        return v
    }

    private static func fetch32(_ s: [UInt8], _ i: Int) -> UInt64 {
        var v: UInt64 = 0
        for k in 0..<4 { v |= UInt64(s[i + k]) << (8 * UInt64(k)) }
        return v
    }

    private static func rotate(_ v: UInt64, _ shift: UInt64) -> UInt64 {
        shift == 0 ? v : (v >> shift) | (v << (64 - shift))
    }

    private static func shiftMix(_ v: UInt64) -> UInt64 { v ^ (v >> 47) }

    private static func hashLen16(_ u: UInt64, _ v: UInt64, _ mul: UInt64) -> UInt64 {
        var a = (u ^ v) &* mul
        a ^= a >> 47
        var b = (v ^ a) &* mul
        b ^= b >> 47
        return b &* mul
    }

    private static func hashLen0to16(_ s: [UInt8]) -> UInt64 {
        let n = UInt64(s.count)
        if s.count >= 8 {
            let mul = k2 &+ n &* 2
            let a = fetch64(s, 0) &+ k2
            let b = fetch64(s, s.count - 8)
            let c = rotate(b, 37) &* mul &+ a
            let d = (rotate(a, 25) &+ b) &* mul
            return hashLen16(c, d, mul)
        }
        if s.count >= 4 {
            let mul = k2 &+ n &* 2
            let a = fetch32(s, 0)
            return hashLen16(n &+ (a << 3), fetch32(s, s.count - 4), mul)
        }
        if s.count > 0 {
            let y = UInt32(s[0]) &+ (UInt32(s[s.count >> 1]) << 8)
            let z = UInt32(n) &+ (UInt32(s[s.count - 1]) << 2)
            return shiftMix((UInt64(y) &* k2) ^ (UInt64(z) &* k0)) &* k2
        }
        return k2
    }

    private static func hashLen17to32(_ s: [UInt8]) -> UInt64 {
        let n = s.count
        let mul = k2 &+ UInt64(n) &* 2
        let a = fetch64(s, 0) &* k1
        let b = fetch64(s, 8)
        let c = fetch64(s, n - 8) &* mul
        let d = fetch64(s, n - 16) &* k2
        return hashLen16(rotate(a &+ b, 43) &+ rotate(c, 30) &+ d, a &+ rotate(b &+ k2, 18) &+ c, mul)
    }

    private static func hashLen33to64(_ s: [UInt8]) -> UInt64 {
        let n = s.count
        let mul = k2 &+ UInt64(n) &* 2
        let a = fetch64(s, 0) &* k2
        let b = fetch64(s, 8)
        let c = fetch64(s, n - 8) &* mul
        let d = fetch64(s, n - 16) &* k2
        let y = rotate(a &+ b, 43) &+ rotate(c, 30) &+ d
        let z = hashLen16(y, a &+ rotate(b &+ k2, 18) &+ c, mul)
        let e = fetch64(s, 16) &* mul
        let f = fetch64(s, 24)
        let g = (y &+ fetch64(s, n - 32)) &* mul
        let h = (z &+ fetch64(s, n - 24)) &* mul
        return hashLen16(rotate(e &+ f, 43) &+ rotate(g, 30) &+ h, e &+ rotate(f &+ a, 18) &+ g, mul)
    }

    /// Mixes 32 bytes at `i` into the pair seeded by `a` and `b`.
    private static func weakHash32(_ s: [UInt8], _ i: Int, _ seedA: UInt64, _ seedB: UInt64) -> (UInt64, UInt64) {
        let w = fetch64(s, i), x = fetch64(s, i + 8), y = fetch64(s, i + 16), z = fetch64(s, i + 24)
        var a = seedA &+ w
        var b = rotate(seedB &+ a &+ z, 21)
        let c = a
        a = a &+ x &+ y
        b = b &+ rotate(a, 44)
        return (a &+ z, b &+ c)
    }

    private static func hashLong(_ s: [UInt8]) -> UInt64 {
        let n = s.count
        let seed: UInt64 = 81
        var x = seed
        var y = seed &* k1 &+ 113
        var z = shiftMix(y &* k2 &+ 113) &* k2
        var v: (UInt64, UInt64) = (0, 0)
        var w: (UInt64, UInt64) = (0, 0)
        x = x &* k2 &+ fetch64(s, 0)
        let end = ((n - 1) / 64) * 64
        let last64 = end + ((n - 1) & 63) - 63
        var i = 0
        repeat {
            x = rotate(x &+ y &+ v.0 &+ fetch64(s, i + 8), 37) &* k1
            y = rotate(y &+ v.1 &+ fetch64(s, i + 48), 42) &* k1
            x ^= w.1
            y = y &+ v.0 &+ fetch64(s, i + 40)
            z = rotate(z &+ w.0, 33) &* k1
            v = weakHash32(s, i, v.1 &* k1, x &+ w.0)
            w = weakHash32(s, i + 32, z &+ w.1, y &+ fetch64(s, i + 16))
            swap(&z, &x)
            i += 64
        } while i != end
        let mul = k1 &+ ((z & 0xff) << 1)
        i = last64
        w.0 = w.0 &+ UInt64((n - 1) & 63)
        v.0 = v.0 &+ w.0
        w.0 = w.0 &+ v.0
        x = rotate(x &+ y &+ v.0 &+ fetch64(s, i + 8), 37) &* mul
        y = rotate(y &+ v.1 &+ fetch64(s, i + 48), 42) &* mul
        x ^= w.1 &* 9
        y = y &+ v.0 &* 9 &+ fetch64(s, i + 40)
        z = rotate(z &+ w.0, 33) &* mul
        v = weakHash32(s, i, v.1 &* mul, x &+ w.0)
        w = weakHash32(s, i + 32, z &+ w.1, y &+ fetch64(s, i + 16))
        swap(&z, &x)
        return hashLen16(
            hashLen16(v.0, w.0, mul) &+ shiftMix(y) &* k0 &+ z, hashLen16(v.1, w.1, mul) &+ x, mul)
    }
}
