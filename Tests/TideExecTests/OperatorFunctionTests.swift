import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

private func call(_ name: String, _ args: [Value]) throws -> Value { try FunctionTesting.call(name, args) }

@Suite struct OperatorFunctionTests {
    @Test func resultTypesFollowTheWiderOperand() throws {
        #expect(try FunctionResolver.resolve("$add", argumentTypes: [.int16, .int16]).returnType == .int16)
        #expect(try FunctionResolver.resolve("$add", argumentTypes: [.int16, .bool]).returnType == .int16)
        #expect(try FunctionResolver.resolve("$multiply", argumentTypes: [.int64, .float]).returnType == .float)
        #expect(try FunctionResolver.resolve("$divide", argumentTypes: [.float, .float]).returnType == .double)
        #expect(try FunctionResolver.resolve("$integer_divide", argumentTypes: [.bool, .bool]).returnType == .bool)
        #expect(
            try FunctionResolver.resolve("$subtract", argumentTypes: [.timestamp, .int32]).returnType == .timestamp)
        #expect(throws: TideError.self) {
            try FunctionResolver.resolve("$integer_divide", argumentTypes: [.double, .int32])
        }
        #expect(throws: TideError.self) { try FunctionResolver.resolve("$add", argumentTypes: [.int32, .string]) }
    }

    @Test func integerOverflowWraps() throws {
        #expect(try call("$add", [.int16(30000), .int16(30000)]) == .int16(-5536))
        #expect(try call("$add", [.int32(.max), .int32(1)]) == .int32(.min))
        #expect(try call("$multiply", [.int64(.max), .int64(2)]) == .int64(-2))
        #expect(try call("$subtract", [.int64(.min), .int64(1)]) == .int64(.max))
        #expect(try call("$negate", [.int16(.min)]) == .int16(.min))
        #expect(try call("$integer_divide", [.int64(.min), .int64(-1)]) == .int64(.min))
        #expect(try call("$modulo", [.int64(.min), .int64(-1)]) == .int64(0))
    }

    @Test func divisionAlwaysDoubleAndZeroDivisorIsNull() throws {
        #expect(try call("$divide", [.int32(30), .int32(20)]) == .double(1.5))
        #expect(try call("$divide", [.int16(30), .float(11.1)]) == .double(30 / Double(Float(11.1))))
        #expect(try call("$divide", [.int32(1), .int32(0)]) == .null)
        #expect(try call("$divide", [.double(1), .double(-0.0)]) == .null)
        #expect(try call("$integer_divide", [.int64(7), .int64(2)]) == .int64(3))
        #expect(try call("$integer_divide", [.int64(-7), .int64(2)]) == .int64(-3))
        #expect(try call("$integer_divide", [.int32(7), .int32(0)]) == .null)
        #expect(try call("$modulo", [.int32(-7), .int32(3)]) == .int32(-1))
        #expect(
            try call("$modulo", [.float(30), .float(11.1)]) == .float(Float(30).truncatingRemainder(dividingBy: 11.1)))
        #expect(try call("$modulo", [.double(5), .double(0)]) == .null)
        #expect(try call("$modulo", [.int16(30), .bool(false)]) == .null)
    }

    @Test func boolArithmeticIsOneBit() throws {
        #expect(try call("$add", [.bool(true), .bool(true)]) == .bool(false))
        #expect(try call("$add", [.bool(false), .bool(true)]) == .bool(true))
        #expect(try call("$negate", [.bool(true)]) == .bool(true))
        #expect(try call("$subtract", [.int16(30), .bool(true)]) == .int16(29))
        #expect(try call("$integer_divide", [.bool(true), .bool(true)]) == .bool(true))
    }

    @Test func floatingPointEdgeCases() throws {
        guard case .double(let negativeZero) = try call("$negate", [.double(0)]) else {
            Issue.record("expected a double")
            return
        }
        #expect(negativeZero == 0 && negativeZero.sign == .minus)
        guard case .double(let nan) = try call("$add", [.double(.nan), .double(1)]) else {
            Issue.record("expected a double")
            return
        }
        #expect(nan.isNaN)
        #expect(try call("$multiply", [.double(.infinity), .double(-1)]) == .double(-.infinity))
        #expect(try call("$add", [.float(30), .double(11.1)]) == .double(30 + 11.1))
    }

    @Test func timestampArithmeticIsMilliseconds() throws {
        #expect(try call("$add", [.timestamp(1_590_738_989_000), .int16(30)]) == .timestamp(1_590_738_989_030))
        #expect(try call("$add", [.int64(1), .timestamp(-1)]) == .timestamp(0))
        #expect(try call("$add", [.timestamp(1), .timestamp(2)]) == .timestamp(3))
        #expect(try call("$subtract", [.timestamp(1000), .bool(true)]) == .timestamp(999))
    }

    @Test func bitwiseOperators() throws {
        #expect(try call("$bitwise_and", [.int16(3), .int32(6)]) == .int32(2))
        #expect(try call("$bitwise_or", [.int16(3), .int16(12)]) == .int16(15))
        #expect(try call("$bitwise_xor", [.int32(6), .int64(12)]) == .int64(10))
        #expect(try call("$bitwise_not", [.int64(12)]) == .int64(-13))
        #expect(try call("$bitwise_not", [.int16(3)]) == .int16(-4))
    }

    @Test func nullOperandsGiveNull() throws {
        for name in ["$add", "$subtract", "$multiply", "$divide", "$modulo", "$integer_divide", "$bitwise_and"] {
            #expect(try FunctionTesting.call(name, types: [.int32, .int32], [.null, .int32(1)]) == .null)
            #expect(try FunctionTesting.call(name, types: [.int32, .int32], [.int32(1), .null]) == .null)
        }
    }
}
