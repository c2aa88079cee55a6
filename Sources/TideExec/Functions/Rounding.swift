import Foundation
import TideCore
import TidePlan

/// `abs`, `ceil`, `floor`, `round` and `truncate`.
extension MathFunctions {
    /// Registers `abs`, `ceil`, `floor`, `truncate` and `round` for every declared overload.
    static func registerRounding(into registry: inout FunctionRegistry) {
        forEachSignature("abs") { signature, result in
            registry.scalar("abs", signature.parameters) { args, _ in
                if NumericValues.isIntegral(result) {
                    // OpenMLDB semantics: C abs, so abs(INT_MIN) wraps to INT_MIN.
                    guard let x = NumericValues.integer(args[0]) else { return .null }
                    return NumericValues.make(x < 0 ? 0 &- x : x, as: result)
                }
                return NumericValues.double(args[0]).map { .double(Swift.abs($0)) } ?? .null
            }
        }
        for (name, rule) in [("ceil", FloatingPointRoundingRule.up), ("floor", .down), ("truncate", .towardZero)] {
            forEachSignature(name) { signature, result in
                registry.scalar(name, signature.parameters) { args, _ in
                    if NumericValues.isIntegral(result) {
                        return NumericValues.integer(args[0]).map { NumericValues.make($0, as: result) } ?? .null
                    }
                    return NumericValues.double(args[0]).map { .double($0.rounded(rule)) } ?? .null
                }
            }
        }
        forEachSignature("round") { signature, result in
            registry.scalar("round", signature.parameters) { args, _ in
                var digits: Int64 = 0
                if args.count > 1 {
                    guard let d = NumericValues.integer(args[1]) else { return .null }
                    digits = d
                }
                return round(args[0], digits: digits, as: result)
            }
        }
    }

    /// HALF_UP rounding (halves away from zero) to `digits` decimal places; negative `digits`
    /// round to tens, hundreds, ... The result keeps the type of `value`.
    static func round(_ value: Value, digits: Int64, as type: DataType) -> Value {
        if NumericValues.isIntegral(type) {
            guard let x = NumericValues.integer(value) else { return .null }
            return NumericValues.make(roundInteger(x, digits: digits), as: type)
        }
        guard let x = NumericValues.double(value) else { return .null }
        let rounded = roundDouble(x, digits: digits)
        return type == .float ? .float(Float(rounded)) : .double(rounded)
    }

    /// An integer rounded to a power of ten; unchanged for `digits >= 0`. Overflow wraps.
    static func roundInteger(_ x: Int64, digits: Int64) -> Int64 {
        guard digits < 0 else { return x }
        guard digits > -19 else { return 0 }
        var unit: Int64 = 1
        for _ in 0..<(-digits) { unit *= 10 }
        let quotient = x / unit
        let remainder = x % unit
        let magnitude = remainder.magnitude
        let adjust: Int64 = magnitude * 2 >= unit.magnitude ? (x < 0 ? -1 : 1) : 0
        return (quotient &+ adjust) &* unit
    }

    /// A double rounded half away from zero to `digits` decimal places (NaN and ±inf unchanged).
    static func roundDouble(_ x: Double, digits: Int64) -> Double {
        guard x.isFinite else { return x }
        let clamped = Double(max(-400, min(400, digits)))
        let scale = Foundation.pow(10, Swift.abs(clamped))
        if clamped >= 0 {
            let scaled = x * scale
            guard scaled.isFinite else { return x }
            return scaled.rounded(.toNearestOrAwayFromZero) / scale
        }
        guard scale.isFinite else { return 0 * x }
        return (x / scale).rounded(.toNearestOrAwayFromZero) * scale
    }
}
