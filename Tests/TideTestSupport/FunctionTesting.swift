import TideCore
import TideExec
import TidePlan

/// Calls built-in functions the way the engines will: resolve the overload from the
/// arguments' types, then run the registered implementation.
public enum FunctionTesting {
    /// The SQL type of a value as a literal would have it (NULL stays untyped).
    public static func type(of value: Value) -> SQLType {
        switch value {
        case .null: return .null
        case .array(let items): return .array(items.first { !$0.isNull }.map(type(of:)) ?? .null)
        case .map(let keys, let values):
            return .map(
                key: keys.first.map(type(of:)) ?? .null, value: values.first { !$0.isNull }.map(type(of:)) ?? .null)
        default: return value.dataType.map(SQLType.scalar) ?? .null
        }
    }

    /// Calls scalar function `name` on `arguments`.
    public static func call(
        _ name: String, _ arguments: [Value], timeZone: SessionTimeZone = .utc
    ) throws -> Value {
        let signature = try FunctionResolver.resolve(name, argumentTypes: arguments.map(type(of:)))
        return try call(signature, arguments, timeZone: timeZone)
    }

    /// Calls scalar function `name` on `arguments`, resolving with explicit argument types.
    public static func call(
        _ name: String, types: [SQLType], _ arguments: [Value], timeZone: SessionTimeZone = .utc
    ) throws -> Value {
        let signature = try FunctionResolver.resolve(name, argumentTypes: types)
        return try call(signature, arguments, timeZone: timeZone)
    }

    private static func call(_ signature: FunctionSignature, _ arguments: [Value], timeZone: SessionTimeZone) throws
        -> Value
    {
        // Widen arguments to the parameter types as the binder's implicit casts would.
        let widened = arguments.enumerated().map { i, v -> Value in
            let wanted = i < signature.parameters.count ? signature.parameters[i] : (signature.variadic ?? .null)
            return widen(v, to: wanted)
        }
        return try FunctionLibrary.callScalar(signature, widened, context: FunctionContext(timeZone: timeZone))
    }

    /// Numeric widening of a value (the implicit casts the binder inserts).
    public static func widen(_ value: Value, to type: SQLType) -> Value {
        guard case .scalar(let t) = type, !value.isNull, value.dataType != t else { return value }
        switch t {
        case .int16: return value.int64Value.map { .int16(Int16(truncatingIfNeeded: $0)) } ?? value
        case .int32: return value.int64Value.map { .int32(Int32(truncatingIfNeeded: $0)) } ?? value
        case .int64: return value.int64Value.map { .int64($0) } ?? value
        case .float: return value.doubleValue.map { .float(Float($0)) } ?? value
        case .double: return value.doubleValue.map { .double($0) } ?? value
        case .bool, .string, .date, .timestamp: return value
        }
    }

    /// Runs aggregate `name` over `rows` (each row is the call's argument list), oldest first.
    public static func aggregate(_ name: String, _ rows: [[Value]], types: [SQLType]? = nil) throws -> Value {
        let argumentTypes = types ?? (rows.first?.map(type(of:)) ?? [])
        let signature = try FunctionResolver.resolve(name, argumentTypes: argumentTypes)
        let kernel = try FunctionLibrary.aggregateKernel(signature)
        var state = kernel.make(FunctionContext())
        for row in rows {
            try state.update(
                row.enumerated().map { widen($1, to: signature.parameters[min($0, signature.parameters.count - 1)]) })
        }
        return try state.result()
    }

    /// For a retractable aggregate: slides a window of `width` rows over `rows`, using
    /// update/retract, and returns each step's result next to a from-scratch recomputation.
    public static func slidingVersusScratch(
        _ name: String, _ rows: [[Value]], width: Int, types: [SQLType]? = nil
    ) throws -> [(sliding: Value, scratch: Value)] {
        let argumentTypes = types ?? (rows.first?.map(type(of:)) ?? [])
        let signature = try FunctionResolver.resolve(name, argumentTypes: argumentTypes)
        let kernel = try FunctionLibrary.aggregateKernel(signature)
        var state = kernel.make(FunctionContext())
        var out: [(Value, Value)] = []
        for (i, row) in rows.enumerated() {
            try state.update(row)
            if i >= width { try state.retract(rows[i - width]) }
            let window = Array(rows[max(0, i - width + 1)...i])
            out.append((try state.result(), try aggregate(name, window, types: argumentTypes)))
        }
        return out
    }
}
