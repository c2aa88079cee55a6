import Testing
import TideCore

/// `DoubleText` must write exactly what `description` writes, for every double.
@Suite struct DoubleTextTests {
    func text(_ value: Double) -> String {
        var out: [UInt8] = []
        DoubleText.append(value, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    @Test func edgeValuesMatchDescription() {
        let values: [Double] = [
            0, -0.0, 1, -1, 0.1, 0.2, 0.1 + 0.2, 9.51, -9.51, 12, 100, 1e-3, 0.0009999, 1e-4, 1e-5, 1e14, 1e15,
            999_999_999_999_999.9, 999_999_999_999_999, 123_456_789_012_345, 4_503_599_627_370_496.5,
            9_007_199_254_740_992, 1e16, 1.5e15, 0.5, 2.5, 0.05, 0.000123456789, 123.456789012, 1 / 3, 2 / 3,
            .pi, .ulpOfOne, .leastNonzeroMagnitude, .leastNormalMagnitude, .greatestFiniteMagnitude,
            .infinity, -.infinity, .nan, 1_000_000.0000001, 0.30000000000000004, 5e-324, 1.7976931348623157e308,
        ]
        for value in values {
            #expect(text(value) == value.description, "\(value)")
            #expect(text(value.nextUp) == value.nextUp.description, "\(value.nextUp)")
            #expect(text(value.nextDown) == value.nextDown.description, "\(value.nextDown)")
        }
    }

    @Test func randomValuesMatchDescription() {
        var random = SplitMix(state: 20_261_206)
        for _ in 0..<300_000 {
            // Decimals with few digits (what feature tables hold), their neighbours, sums and
            // quotients of them, and doubles from random bits.
            let digits = Int.random(in: 0...12, using: &random)
            let integer = Double(Int64.random(in: -999_999_999_999...999_999_999_999, using: &random))
            let decimal = integer / pow10(digits)
            let bits = Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &random))
            let quotient =
                Double(Int.random(in: 1...10_000, using: &random)) / Double(Int.random(in: 1...997, using: &random))
            let sum = decimal + Double(Int.random(in: -100...100, using: &random)) / 100
            for value in [decimal, decimal.nextUp, decimal.nextDown, bits, quotient, sum] {
                #expect(text(value) == value.description, "\(value.bitPattern)")
            }
        }
    }

    private func pow10(_ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<n { result *= 10 }
        return result
    }

    /// A seeded generator (SplitMix64), so that a failure names a reproducible value.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
