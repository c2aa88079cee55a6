import Testing
import TideCore

/// `DecimalDigits.write` stores what `String(n)` prints, zero-padded to the minimum count.
@Suite struct DecimalDigitsTests {
    func text(_ n: UInt64, minimumCount: Int = 1) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 40) { buffer in
            guard let base = buffer.baseAddress else { return "" }
            let count = DecimalDigits.write(n, minimumCount: minimumCount, to: base)
            return String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self)
        }
    }

    @Test func everyMagnitudeMatchesString() {
        var power: UInt64 = 1
        var values: [UInt64] = [0, .max, .max - 1]
        for _ in 0..<20 {
            values += [power - 1, power, power + 1, power &* 9, power &* 5 + 7]
            power = power &* 10
        }
        var random = SystemRandomNumberGenerator()
        values += (0..<20_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &random) >> UInt64.random(in: 0...63)
        }
        for n in values {
            #expect(text(n) == String(n), "\(n)")
        }
    }

    @Test func padsToTheMinimumCount() {
        #expect(text(0, minimumCount: 9) == "000000000")
        #expect(text(16, minimumCount: 9) == "000000016")
        #expect(text(123_456_789, minimumCount: 9) == "123456789")
        #expect(text(1_234_567_890, minimumCount: 9) == "1234567890")
        #expect(text(7, minimumCount: 2) == "07")
    }
}
