/// A double's text exactly as Swift's `description` writes it (the shortest digits that read
/// back as the same double), written straight into a byte buffer. Most values a feature table
/// holds (amounts, counts, ratios with few decimals) take a short path of a few
/// multiplications and no string; every other value goes through `description`.
public enum DoubleText {
    /// The most bytes `write` stores (the longest description, such as
    /// `-2.2250738585072014e-308`, has 24).
    public static let maximumLength = 32

    /// Appends `value.description`'s UTF-8 bytes to `out`.
    public static func append(_ value: Double, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { buffer in
            guard let base = buffer.baseAddress else { return }
            out.append(contentsOf: UnsafeBufferPointer(start: base, count: write(value, to: base)))
        }
    }

    /// Stores `value.description`'s UTF-8 bytes at `out` (room for `maximumLength` bytes) and
    /// returns how many it stored.
    public static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let short = writeShort(value, to: out)
        if short > 0 { return short }
        var text = value.description
        return text.withUTF8 { bytes in
            let length = min(bytes.count, maximumLength)
            if let base = bytes.baseAddress { out.update(from: base, count: length) }
            return length
        }
    }

    /// The short path, for 0.001 <= |value| < 1e15 (where `description` writes plain decimals)
    /// when a decimal with at most `k` fraction digits reads back as `value`, k = 2 (tried
    /// first), else 9, 6, 3 or 0 by magnitude (so that |value| × 10^k < 2^52); returns the bytes stored, or 0, having
    /// stored nothing, otherwise.
    ///
    /// Why it is `description`'s text: s = round(|value| × 10^k) is below 2^52, so s / 10^k is
    /// exact in its operands and correctly rounded, and when it equals |value| the decimal s ×
    /// 10^-k reads back as the value. Decimals that read back lie within half an ulp of the
    /// value, and an ulp of it is less than 10^-k (|value| × 10^k < 2^52): no other decimal
    /// with k fraction digits does. So every shorter decimal that reads back is s with trailing
    /// zeros removed, and the shortest one (the one `description` writes) is s with all of them
    /// removed.
    static func writeShort(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let magnitude = value.magnitude
        // NaN fails both comparisons; infinities the second.
        guard magnitude >= 1e-3, magnitude < 1e15 else { return 0 }
        // Two fraction digits first (k = 2; |value| × 100 < 2^52): most amounts, and their
        // sums, have at most two, and then the digits are few.
        if magnitude < 4.5e13 {
            let scaled = (magnitude * 100).rounded(.toNearestOrEven)
            if scaled / 100 == magnitude {
                return writeDecimal(Int64(scaled), fractionDigits: 2, negative: value < 0, to: out)
            }
        }
        let k: Int
        let scale: Double
        if magnitude < 4.5e6 {
            (k, scale) = (9, 1e9)
        } else if magnitude < 4.5e9 {
            (k, scale) = (6, 1e6)
        } else if magnitude < 4.5e12 {
            (k, scale) = (3, 1e3)
        } else {
            (k, scale) = (0, 1)
        }
        let scaled = (magnitude * scale).rounded(.toNearestOrEven)
        guard scaled < 4_503_599_627_370_496, scaled / scale == magnitude else { return 0 }
        return writeDecimal(Int64(scaled), fractionDigits: k, negative: value < 0, to: out)
    }

    /// Writes `digits` × 10^-fractionDigits (fractionDigits 0, 2, 3, 6 or 9) with the
    /// fraction's trailing zeros dropped, keeping at least one fraction digit.
    private static func writeDecimal(
        _ digits: Int64, fractionDigits: Int, negative: Bool, to out: UnsafeMutablePointer<UInt8>
    ) -> Int {
        // Divisions by constants (each a multiply).
        let integer: Int64
        let fraction: Int64
        switch fractionDigits {
        case 9: (integer, fraction) = (digits / 1_000_000_000, digits % 1_000_000_000)
        case 6: (integer, fraction) = (digits / 1_000_000, digits % 1_000_000)
        case 3: (integer, fraction) = (digits / 1_000, digits % 1_000)
        case 2: (integer, fraction) = (digits / 100, digits % 100)
        default: (integer, fraction) = (digits, 0)
        }
        var position = 0
        if negative {
            out[0] = UInt8(ascii: "-")
            position = 1
        }
        position += DecimalDigits.write(UInt64(integer), minimumCount: 1, to: out + position)
        out[position] = UInt8(ascii: ".")
        position += 1
        let fractionStart = position
        position += DecimalDigits.write(UInt64(fraction), minimumCount: max(1, fractionDigits), to: out + position)
        while position > fractionStart + 1, out[position - 1] == UInt8(ascii: "0") { position -= 1 }
        return position
    }
}
