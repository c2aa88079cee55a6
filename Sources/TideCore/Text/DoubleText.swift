/// A double's text exactly as Swift's `description` writes it (the shortest digits that read
/// back as the same double), written straight into a byte buffer. Most values a feature table
/// holds (amounts, counts, ratios with few decimals) take a short path of a few
/// multiplications and no string; every other value goes through `description`.
public enum DoubleText {
    private static let integerScales: [Int64] = [
        1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, 1_000_000_000,
    ]

    /// Appends `value.description`'s UTF-8 bytes to `out`.
    public static func append(_ value: Double, to out: inout [UInt8]) {
        if appendShort(value, to: &out) { return }
        out.append(contentsOf: value.description.utf8)
    }

    /// The short path, for 0.001 <= |value| < 1e15 (where `description` writes plain decimals)
    /// when a decimal with at most `k` fraction digits reads back as `value`, k = 9, 6, 3 or 0
    /// by magnitude (so that |value| × 10^k < 2^52). False, having written nothing, otherwise.
    ///
    /// Why it is `description`'s text: s = round(|value| × 10^k) is below 2^52, so s / 10^k is
    /// exact in its operands and correctly rounded, and when it equals |value| the decimal s ×
    /// 10^-k reads back as the value. Decimals that read back lie within half an ulp of the
    /// value, and an ulp of it is less than 10^-k (|value| × 10^k < 2^52): no other decimal
    /// with k fraction digits does. So every shorter decimal that reads back is s with trailing
    /// zeros removed, and the shortest one (the one `description` writes) is s with all of them
    /// removed.
    static func appendShort(_ value: Double, to out: inout [UInt8]) -> Bool {
        let magnitude = value.magnitude
        // NaN fails both comparisons; infinities the second.
        guard magnitude >= 1e-3, magnitude < 1e15 else { return false }
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
        guard scaled < 4_503_599_627_370_496, scaled / scale == magnitude else { return false }
        var digits = Int64(scaled)
        var fractionDigits = k
        while fractionDigits > 0, digits % 10 == 0 {
            digits /= 10
            fractionDigits -= 1
        }
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(digits / integerScales[fractionDigits], minimumCount: 1, to: &out)
        out.append(UInt8(ascii: "."))
        appendDigits(digits % integerScales[fractionDigits], minimumCount: max(1, fractionDigits), to: &out)
        return true
    }

    /// The decimal digits of `n` (not negative), left-padded with zeros to `minimumCount`.
    private static func appendDigits(_ n: Int64, minimumCount: Int, to out: inout [UInt8]) {
        var count = 1
        var rest = n
        while rest >= 10 {
            rest /= 10
            count += 1
        }
        let width = max(count, minimumCount)
        let end = out.count + width
        out.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: width))
        out.withUnsafeMutableBufferPointer { buffer in
            var position = end - 1
            var remaining = n
            while remaining > 0 {
                buffer[position] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: remaining % 10)
                remaining /= 10
                position -= 1
            }
        }
    }
}
