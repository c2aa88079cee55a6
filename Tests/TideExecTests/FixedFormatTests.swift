import Foundation
import Testing

@testable import TideExec

/// The fast `%f` formatter agrees with libc's on many values.
@Suite struct FixedFormatTests {
    @Test func fastPathMatchesPrintf() {
        var generator = SystemRandomNumberGenerator()
        var values: [Double] = [
            0, -0.0, 1, -1, 0.5, 2.5, 0.0000005, 0.0000015, 123.4564995, 999999.9999996, 1e15, 1e-7,
        ]
        for _ in 0..<20_000 {
            let magnitude = Double.random(in: -8...15, using: &generator)
            values.append(
                (Bool.random(using: &generator) ? 1 : -1) * pow(10, magnitude)
                    * Double.random(in: 1..<10, using: &generator))
        }
        for v in values {
            #expect(AggregateFormat.fixed(v) == String(format: "%f", v), "\(v)")
        }
    }
}
