/// The byte-level string operations behind the string functions.
///
/// OpenMLDB semantics: OpenMLDB strings are byte strings, so lengths, positions and
/// comparisons count UTF-8 bytes, not characters (`char_length('é')` is 2). Where a byte
/// range cuts a multi-byte character, the broken bytes come back as U+FFFD.
enum StringKernels {
    /// Text from bytes; invalid UTF-8 sequences become U+FFFD.
    static func text<C: Collection>(_ bytes: C) -> String where C.Element == UInt8 {
        String(decoding: bytes, as: UTF8.self)
    }

    /// `substring(str, pos[, len])`: 1-based byte position; a negative `pos` counts from the
    /// end; `pos` 0, `len` < 1 or a `pos` outside the string give the empty string.
    static func substring(_ s: String, from: Int32, length: Int32?) -> String {
        let bytes = Array(s.utf8)
        let size = bytes.count
        let len = length.map(Int.init) ?? size
        let pos = Int(from)
        if pos == 0 || len < 1 || pos > size || pos < -size { return "" }
        let start = pos < 0 ? size + pos : pos - 1
        let end = start + min(len, size - start)
        return text(bytes[start..<end])
    }

    /// `locate(sub, str[, pos])`: the 1-based byte position of the first `sub` in `str` at or
    /// after `pos`; 0 if there is none or `pos` < 1. An empty `sub` is found at `pos` itself
    /// while `pos` is at most one past the end.
    static func locate(_ sub: String, in s: String, from pos: Int32 = 1) -> Int32 {
        guard pos >= 1 else { return 0 }
        let hay = Array(s.utf8)
        let needle = Array(sub.utf8)
        let start = Int(pos) - 1
        guard start <= hay.count else { return 0 }
        if needle.isEmpty { return pos }
        guard let found = firstIndex(of: needle, in: hay, from: start) else { return 0 }
        return Int32(found + 1)
    }

    /// The first byte offset at or after `start` where `needle` (non-empty) occurs.
    static func firstIndex(of needle: [UInt8], in hay: [UInt8], from start: Int) -> Int? {
        guard !needle.isEmpty, hay.count >= needle.count else { return nil }
        var i = start
        while i + needle.count <= hay.count {
            if hay[i] == needle[0], hay[i..<(i + needle.count)].elementsEqual(needle) { return i }
            i += 1
        }
        return nil
    }

    /// `replace(str, search, replacement)`: every non-overlapping `search`, left to right.
    /// OpenMLDB semantics: an empty `search` leaves the string unchanged.
    static func replace(_ s: String, _ search: String, with replacement: String) -> String {
        let needle = Array(search.utf8)
        guard !needle.isEmpty else { return s }
        let hay = Array(s.utf8)
        var out: [UInt8] = []
        out.reserveCapacity(hay.count)
        var i = 0
        while let found = firstIndex(of: needle, in: hay, from: i) {
            out.append(contentsOf: hay[i..<found])
            out.append(contentsOf: replacement.utf8)
            i = found + needle.count
        }
        out.append(contentsOf: hay[i...])
        return text(out)
    }

    /// `strcmp`: -1, 0 or 1 comparing UTF-8 bytes.
    static func compare(_ a: String, _ b: String) -> Int32 {
        if a.utf8.elementsEqual(b.utf8) { return 0 }
        return a.utf8.lexicographicallyPrecedes(b.utf8) ? -1 : 1
    }

    /// `ucase` / `lcase`. OpenMLDB semantics: only ASCII letters change.
    static func asciiCase(_ s: String, upper: Bool) -> String {
        let range: ClosedRange<UInt8> =
            upper ? UInt8(ascii: "a")...UInt8(ascii: "z") : UInt8(ascii: "A")...UInt8(ascii: "Z")
        return text(s.utf8.map { range.contains($0) ? (upper ? $0 - 32 : $0 + 32) : $0 })
    }

    /// `reverse`. OpenMLDB reverses bytes, which breaks every multi-byte character; TideDB
    /// reverses characters (grapheme clusters) instead, which is the same for ASCII.
    static func reverse(_ s: String) -> String { String(s.reversed()) }

    /// `char(n)`: the character with code `n % 256` (C remainder, so -1 → 255).
    /// OpenMLDB returns that single byte; bytes ≥ 128 are not valid UTF-8 on their own, so
    /// TideDB returns the Latin-1 character with that code.
    static func character(_ n: Int32) -> String {
        let code = UInt8(truncatingIfNeeded: n % 256)
        return String(Character(Unicode.Scalar(code)))
    }

    /// `hex(str)`: two upper-case hex digits per UTF-8 byte.
    static func hex(_ s: String) -> String {
        s.utf8.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + digits : digits
        }.joined()
    }

    /// `hex(n)` for integers: upper-case hex of the two's-complement bits, 32 bits wide for
    /// int16 / int32 and 64 for int64 (`hex(-1)` is `FFFFFFFF`).
    static func hex(_ n: Int64, wide: Bool) -> String {
        wide
            ? String(UInt64(bitPattern: n), radix: 16, uppercase: true)
            : String(UInt32(bitPattern: Int32(truncatingIfNeeded: n)), radix: 16, uppercase: true)
    }

    /// `hex(x)` for floats: rounded half away from zero first; nil for NaN, ±inf and values
    /// outside int64.
    static func hex(_ x: Double) -> String? {
        let rounded = x.rounded(.toNearestOrAwayFromZero)
        guard rounded.isFinite, let n = Int64(exactly: rounded) else { return nil }
        return hex(n, wide: true)
    }

    /// `unhex(str)`: the bytes the hex digits spell (an odd leading digit stands alone);
    /// nil if any character is not a hex digit.
    static func unhex(_ s: String) -> String? {
        var nibbles: [UInt8] = []
        nibbles.reserveCapacity(s.utf8.count)
        for byte in s.utf8 {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): nibbles.append(byte - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): nibbles.append(byte - UInt8(ascii: "a") + 10)
            case UInt8(ascii: "A")...UInt8(ascii: "F"): nibbles.append(byte - UInt8(ascii: "A") + 10)
            default: return nil
            }
        }
        var out: [UInt8] = []
        var i = 0
        if nibbles.count % 2 == 1 {
            out.append(nibbles[0])
            i = 1
        }
        while i < nibbles.count {
            out.append(nibbles[i] << 4 | nibbles[i + 1])
            i += 2
        }
        return text(out)
    }
}
