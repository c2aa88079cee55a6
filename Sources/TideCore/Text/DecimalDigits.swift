/// Decimal digits of an unsigned integer stored through a pointer, two per division.
public enum DecimalDigits {
    /// The most bytes `write` stores without padding (UInt64.max has 20 digits).
    public static let maximumCount = 20

    /// "00" through "99".
    private static let pairs: StaticString =
        "00010203040506070809101112131415161718192021222324252627282930313233343536373839404142434445464748495051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899"

    /// Stores the decimal digits of `n`, left-padded with zeros to `minimumCount`, and
    /// returns how many bytes it stored.
    public static func write(_ n: UInt64, minimumCount: Int = 1, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var count = 1
        var rest = n
        while rest >= 100 {
            rest /= 100
            count += 2
        }
        if rest >= 10 { count += 1 }
        let width = max(count, minimumCount)
        let pairs = Self.pairs.utf8Start
        var position = width
        var remaining = n
        while remaining >= 100 {
            let quotient = remaining / 100
            let pair = Int(remaining &- quotient &* 100) &* 2
            position -= 2
            out[position] = pairs[pair]
            out[position + 1] = pairs[pair + 1]
            remaining = quotient
        }
        if remaining >= 10 {
            let pair = Int(remaining) &* 2
            position -= 2
            out[position] = pairs[pair]
            out[position + 1] = pairs[pair + 1]
        } else {
            position -= 1
            out[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining)
        }
        while position > 0 {
            position -= 1
            out[position] = UInt8(ascii: "0")
        }
        return width
    }
}
