import Foundation
import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

/// The double inside a result, failing the test if the result is not a double.
private func double(_ value: Value) throws -> Double {
    guard case .double(let d) = value else { throw TideError.internal("expected a double, got \(value)") }
    return d
}

private func call(_ name: String, _ args: [Value]) throws -> Value { try FunctionTesting.call(name, args) }

@Suite struct MathFunctionTests {
    @Test func everyMathOverloadHasAnImplementation() throws {
        let names = [
            "abs", "acos", "asin", "atan", "atan2", "ceil", "cos", "cot", "degrees", "exp", "floor", "ln", "log",
            "log10", "log2", "pmod", "pow", "radians", "round", "sin", "sqrt", "tan", "truncate", "inc", "add",
            "maximum", "minimum", "$add", "$subtract", "$multiply", "$divide", "$integer_divide", "$modulo",
            "$negate", "$bitwise_and", "$bitwise_or", "$bitwise_xor", "$bitwise_not",
        ]
        for name in names {
            let definition = try #require(FunctionCatalog.lookup(name))
            #expect(!definition.signatures.isEmpty)
            for signature in definition.signatures {
                #expect(FunctionLibrary.registry.implementation(for: signature) != nil, "\(signature.id)")
            }
        }
        #expect(FunctionCatalog.lookup("ceiling")?.name == "ceil")
        #expect(FunctionCatalog.lookup("power")?.name == "pow")
    }

    @Test func absKeepsIntegersAndWidensFloatAndBoolToDouble() throws {
        #expect(try call("abs", [.int16(-1)]) == .int32(1))
        #expect(try call("abs", [.int64(-7)]) == .int64(7))
        // C abs wraps at the minimum.
        #expect(try call("abs", [.int32(.min)]) == .int32(.min))
        #expect(try call("abs", [.float(-0.2)]) == .double(Double(Float(0.2))))
        #expect(try call("abs", [.bool(true)]) == .double(1))
        #expect(try call("abs", [.null]) == .null)
        let zero = try double(call("abs", [.double(-0.0)]))
        #expect(zero == 0 && zero.sign == .plus)
    }

    @Test func trigonometryFollowsArgumentTypes() throws {
        #expect(try call("cos", [.int16(0)]) == .double(1))
        #expect(try call("tan", [.float(1)]) == .float(Foundation.tan(Float(1))))
        #expect(try call("sin", [.int64(1)]) == .double(Foundation.sin(1.0)))
        #expect(try double(call("asin", [.int32(2)])).isNaN)
        #expect(try call("acos", [.double(1)]) == .double(0))
        #expect(try call("atan2", [.int32(1), .int32(2)]) == .double(Foundation.atan2(1.0, 2.0)))
        #expect(try call("atan", [.int32(0), .double(-1)]) == .double(Double.pi))
        #expect(try call("atan2", [.float(1), .float(2)]) == .float(Foundation.atan2(Float(1), Float(2))))
        #expect(try call("cot", [.int32(1)]) == .double(Foundation.cos(1.0) / Foundation.sin(1.0)))
        #expect(try call("cot", [.double(0)]) == .double(.infinity))
        #expect(try call("degrees", [.double(Double.pi)]) == .double(180))
        #expect(try call("radians", [.int32(90)]) == .double(Double.pi / 2))
    }

    @Test func ceilFloorAndTruncate() throws {
        #expect(try call("ceil", [.int16(1)]) == .int64(1))
        #expect(try call("ceiling", [.float(0.2)]) == .double(1))
        #expect(try call("floor", [.double(-1.5)]) == .double(-2))
        #expect(try call("floor", [.bool(true)]) == .double(1))
        #expect(try call("truncate", [.double(-1.9)]) == .double(-1))
        #expect(try call("truncate", [.int16(5)]) == .int32(5))
        #expect(try call("truncate", [.float(2.5)]) == .double(2))
        #expect(try call("floor", [.double(.infinity)]) == .double(.infinity))
    }

    @Test func roundIsHalfUpAndKeepsTheType() throws {
        #expect(try call("round", [.float(0.5)]) == .float(1))
        #expect(try call("round", [.double(-2.5)]) == .double(-3))
        #expect(try call("round", [.double(1.23), .int32(1)]) == .double(1.2))
        #expect(try call("round", [.int32(123), .int32(-1)]) == .int32(120))
        #expect(try call("round", [.int32(125), .int32(-1)]) == .int32(130))
        #expect(try call("round", [.int64(-125), .int32(-1)]) == .int64(-130))
        #expect(try call("round", [.int16(7), .int32(2)]) == .int16(7))
        #expect(try call("round", [.int64(5), .int32(-30)]) == .int64(0))
        #expect(try call("round", [.double(1.5e308), .int32(10)]) == .double(1.5e308))
        #expect(try call("round", [.double(1234.5), .int32(-2)]) == .double(1200))
        #expect(try double(call("round", [.double(.nan)])).isNaN)
    }

    @Test func exponentsAndLogarithms() throws {
        #expect(try call("exp", [.int16(0)]) == .double(1))
        #expect(try call("pow", [.int32(2), .int64(10)]) == .double(1024))
        #expect(try call("power", [.float(2), .float(3)]) == .float(8))
        #expect(try call("pow", [.bool(true), .int32(5)]) == .double(1))
        #expect(try call("pow", [.int32(10), .int32(1000)]) == .double(.infinity))
        #expect(try call("log", [.int32(1)]) == .double(0))
        #expect(try call("log", [.int32(10), .int32(100)]) == .double(2))
        #expect(try call("ln", [.double(0)]) == .double(-.infinity))
        #expect(try double(call("log", [.int32(-1)])).isNaN)
        #expect(try call("log2", [.int32(65536)]) == .double(16))
        #expect(try call("log10", [.float(100)]) == .float(2))
        #expect(try call("sqrt", [.float(4)]) == .float(2))
        #expect(try double(call("sqrt", [.int32(-1)])).isNaN)
    }

    @Test func pmodIsNonNegativeForPositiveDivisors() throws {
        #expect(try call("pmod", [.int32(-10), .int32(3)]) == .int32(2))
        #expect(try call("pmod", [.int32(10), .int32(-3)]) == .int32(1))
        #expect(try call("pmod", [.int32(10), .int32(3)]) == .int32(1))
        #expect(try call("pmod", [.int32(-10), .int32(0)]) == .null)
        #expect(try FunctionTesting.call("pmod", types: [.int32, .int32], [.null, .int32(2)]) == .null)
        #expect(try call("pmod", [.double(-7.5), .double(2)]) == .double(0.5))
        #expect(try call("pmod", [.int16(-1), .int64(5)]) == .int64(4))
    }

    @Test func incAndAdd() throws {
        #expect(try call("inc", [.int16(32767)]) == .int16(-32768))
        #expect(try call("inc", [.double(1.5)]) == .double(2.5))
        #expect(try call("add", [.int32(1), .int32(2)]) == .int32(3))
        #expect(try call("add", [.timestamp(1000), .int32(5)]) == .timestamp(1005))
        #expect(try call("add", [.int16(1), .float(0.5)]) == .float(1.5))
    }

    @Test func maximumAndMinimum() throws {
        #expect(try call("maximum", [.int32(1), .int64(5)]) == .int64(5))
        #expect(try call("minimum", [.int32(1), .double(0.5)]) == .double(0.5))
        #expect(try call("minimum", [.string("a"), .string("b")]) == .string("a"))
        // UTF-8 byte order: "z" (0x7A) sorts before "é" (0xC3 0xA9).
        #expect(try call("minimum", [.string("é"), .string("z")]) == .string("z"))
        #expect(try call("maximum", [.date(-1), .date(-5)]) == .date(-1))
        #expect(try call("maximum", [.timestamp(-10), .timestamp(3)]) == .timestamp(3))
        // `x > y ? x : y`: a NULL comparison picks the second argument.
        #expect(try FunctionTesting.call("maximum", types: [.int32, .int32], [.null, .int32(1)]) == .int32(1))
        #expect(try FunctionTesting.call("maximum", types: [.int32, .int32], [.int32(1), .null]) == .null)
        #expect(try call("maximum", [.double(1), .double(.nan)]).isNaN)
        #expect(try call("maximum", [.double(.nan), .double(1)]) == .double(1))
    }
}

extension Value {
    /// True for a floating-point NaN.
    fileprivate var isNaN: Bool {
        if case .double(let d) = self { return d.isNaN }
        if case .float(let f) = self { return f.isNaN }
        return false
    }
}
