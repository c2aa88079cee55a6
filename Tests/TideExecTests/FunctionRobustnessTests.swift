import Foundation
import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// Every scalar function signature called on extreme and odd values (NULL, zero, the types'
/// limits, NaN and infinities, empty and malformed strings, far dates): each call returns a
/// value or fails with a documented SQLSTATE, never an internal error, a trap or a hang.
@Suite struct FunctionRobustnessTests {
    static func pool(_ type: SQLType) -> [Value]? {
        guard case .scalar(let scalar) = type else { return nil }
        switch scalar {
        case .bool: return [.null, .bool(true), .bool(false)]
        case .int16: return [.null, .int16(0), .int16(-1), .int16(7), .int16(.max), .int16(.min)]
        case .int32: return [.null, .int32(0), .int32(-1), .int32(3), .int32(100_000), .int32(.max), .int32(.min)]
        case .int64: return [.null, .int64(0), .int64(-1), .int64(5), .int64(1 << 40), .int64(.max), .int64(.min)]
        case .float:
            return [
                .null, .float(0), .float(-0.0), .float(1.5), .float(.nan), .float(.infinity), .float(-.infinity),
                .float(.greatestFiniteMagnitude),
            ]
        case .double:
            return [
                .null, .double(0), .double(-2.5), .double(.nan), .double(.infinity), .double(-.infinity),
                .double(1e300), .double(-1e-300), .double(9.3e18),
            ]
        case .string:
            return [
                .null, .string(""), .string("a"), .string("abc,def:1"), .string("2024-02-29 23:59:59"),
                .string("-9223372036854775809"), .string("%_\\"), .string("é😀"),
                .string(String(repeating: "x", count: 300)),
            ]
        case .date: return [.null, .date(0), .date(-1), .date(19_000), .date(2_932_896), .date(-719_162)]
        case .timestamp:
            return [
                .null, .timestamp(0), .timestamp(-1), .timestamp(1_700_000_000_000), .timestamp(.max),
                .timestamp(.min),
            ]
        }
    }

    @Test func everyScalarSignatureOnExtremeValues() throws {
        var g = SeededGenerator(seed: 2026)
        let context = FunctionContext()
        var calls = 0
        for signature in FunctionCatalog.allSignatures where signature.kind == .scalar && !signature.acceptsAnyScalar {
            var parameters = signature.parameters
            if let variadic = signature.variadic { parameters.append(variadic) }
            let pools = parameters.map(Self.pool)
            guard !pools.contains(where: { $0 == nil }) else { continue }
            let choices = pools.compactMap { $0 }
            let total = choices.reduce(1) { min(1_000_000, $0 * $1.count) }
            let combinations: [[Value]] =
                total <= 400
                ? choices.reduce([[]]) { partial, pool in partial.flatMap { prefix in pool.map { prefix + [$0] } } }
                : (0..<400).map { _ in choices.map { $0.randomElement(using: &g) ?? .null } }
            for arguments in combinations {
                calls += 1
                do {
                    _ = try FunctionLibrary.callScalar(signature, arguments, context: context)
                } catch let error as TideError {
                    #expect(error.code != .internalError, "\(signature.id)\(arguments): \(error)")
                }
            }
        }
        #expect(calls > 10_000)
    }
}
