import TideCore
import TidePlan

/// Implementations of the DateTime family (signatures in TidePlan's FunctionCatalog).
///
/// Every conversion between an instant and calendar fields uses `context.timeZone`, the
/// session time zone. An int64 argument in a timestamp position is epoch milliseconds.
/// Strings that name no real date or time give NULL, as in OpenMLDB.
enum DateTimeFunctions {
    static func register(into registry: inout FunctionRegistry) {
        registerFields(into: &registry)
        registerArithmetic(into: &registry)
        registerConversions(into: &registry)
        registerFormatting(into: &registry)
    }

    // MARK: - Reading arguments

    /// The argument of a one-argument call.
    static func single(_ arguments: [Value], _ function: String) throws -> Value {
        guard arguments.count == 1, let value = arguments.first else {
            throw TideError.internal("\(function) expects 1 argument, got \(arguments.count)")
        }
        return value
    }

    /// The arguments of a two-argument call.
    static func pair(_ arguments: [Value], _ function: String) throws -> (Value, Value) {
        guard arguments.count == 2, let first = arguments.first, let second = arguments.last else {
            throw TideError.internal("\(function) expects 2 arguments, got \(arguments.count)")
        }
        return (first, second)
    }

    /// Epoch milliseconds of a timestamp or int64 argument.
    static func instant(_ value: Value, _ function: String) throws -> Int64 {
        switch value {
        case .timestamp(let ms), .int64(let ms): return ms
        case .null, .bool, .int16, .int32, .float, .double, .string, .date, .array, .map:
            throw unexpected(value, function)
        }
    }

    /// The text of a string argument.
    static func text(_ value: Value, _ function: String) throws -> String {
        guard case .string(let s) = value else { throw unexpected(value, function) }
        return s
    }

    /// An integer argument of any width.
    static func integer(_ value: Value, _ function: String) throws -> Int64 {
        switch value {
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .null, .bool, .float, .double, .string, .date, .timestamp, .array, .map:
            throw unexpected(value, function)
        }
    }

    /// The calendar date of a timestamp or int64 (in `zone`), a date, or a date string (nil
    /// when the string names no real date).
    static func civilDate(_ value: Value, in zone: SessionTimeZone, _ function: String) throws -> CivilDate? {
        switch value {
        case .timestamp(let ms), .int64(let ms): return LocalDateTime(timestamp: ms, in: zone).date
        case .date(let days): return CivilDate(days: Int64(days))
        case .string(let s): return DateTimeText.parse(s)?.date(in: zone)
        case .null, .bool, .int16, .int32, .float, .double, .array, .map:
            throw unexpected(value, function)
        }
    }

    /// A date result, or NULL if it falls outside the storable range.
    static func dateValue(_ date: CivilDate?) -> Value {
        date?.dayNumber.map(Value.date) ?? .null
    }

    /// An int32 result, or NULL if it does not fit.
    static func int32Value<T: BinaryInteger>(_ value: T?) -> Value {
        value.flatMap { Int32(exactly: $0) }.map(Value.int32) ?? .null
    }

    /// `a / b` rounded towards negative infinity (seconds of an instant before 1970).
    static func floorDivide(_ a: Int64, _ b: Int64) -> Int64 { a.dividedRoundingDown(by: b) }

    /// The error for an argument the signature should have ruled out.
    static func unexpected(_ value: Value, _ function: String) -> TideError {
        TideError.internal("\(function) received an argument of unexpected type: \(value)")
    }
}
