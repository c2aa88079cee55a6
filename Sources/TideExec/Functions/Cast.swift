import TideCore
import TidePlan

/// OpenMLDB's CAST between scalar types, used by `CAST(x AS t)` and the cast functions
/// (`int32(x)`, `string(x)`, ...). Conversions that cannot produce a value give NULL rather than
/// an error, as in OpenMLDB.
public enum Cast {
    /// `value` converted to `type`. Strings are parsed, dates and timestamps are read and written
    /// in the session time zone, and unparsable or unrepresentable values become NULL.
    public static func cast(_ value: Value, to type: DataType, context: FunctionContext) -> Value {
        if value.isNull || value.dataType == type { return value }
        switch type {
        case .bool: return toBool(value)
        case .int16, .int32, .int64: return toInteger(value, type)
        case .float: return toFloat(value)
        case .double: return toDouble(value)
        case .string: return toText(value, context: context)
        case .date: return toDate(value, context: context)
        case .timestamp: return toTimestamp(value, context: context)
        }
    }

    /// Whether `CAST(x AS to)` is accepted for an `x` of type `from` (the binder's rule).
    public static func isSupported(from: DataType, to: DataType) -> Bool {
        TypeRules.castSupported(from: from, to: to)
    }

    /// Numbers and timestamps are true when non-zero (NaN too); strings are parsed.
    static func toBool(_ value: Value) -> Value {
        switch value {
        case .bool, .int16, .int32, .int64, .timestamp:
            return NumericValues.integer(value).map { .bool($0 != 0) } ?? .null
        case .float(let f): return .bool(f != 0)
        case .double(let d): return .bool(d != 0)
        case .string(let s): return TextValueParsing.bool(s).map(Value.bool) ?? .null
        case .null, .date, .array, .map: return .null
        }
    }

    /// Integers keep their low bits, floats truncate toward zero, strings are parsed.
    static func toInteger(_ value: Value, _ type: DataType) -> Value {
        switch value {
        case .bool, .int16, .int32, .int64, .timestamp:
            // OpenMLDB semantics: narrowing keeps the low bits (int(timestamp) wraps).
            return NumericValues.integer(value).map { NumericValues.make($0, as: type) } ?? .null
        case .float(let f): return truncated(Double(f), type)
        case .double(let d): return truncated(d, type)
        case .string(let s):
            guard let parsed = TextValueParsing.integer(s), fits(parsed, type) else { return .null }
            return NumericValues.make(parsed, as: type)
        case .null, .date, .array, .map: return .null
        }
    }

    /// A floating value truncated toward zero; NULL when NaN, infinite or out of the type's range.
    static func truncated(_ x: Double, _ type: DataType) -> Value {
        let t = x.rounded(.towardZero)
        guard t.isFinite, t >= -9_223_372_036_854_775_808.0, t < 9_223_372_036_854_775_808.0 else { return .null }
        let integer = Int64(t)
        return fits(integer, type) ? NumericValues.make(integer, as: type) : .null
    }

    /// Whether `x` is within the range of the integer type `type`.
    static func fits(_ x: Int64, _ type: DataType) -> Bool {
        switch type {
        case .int16: return Int64(Int16.min)...Int64(Int16.max) ~= x
        case .int32: return Int64(Int32.min)...Int64(Int32.max) ~= x
        case .bool, .int64, .float, .double, .string, .date, .timestamp: return true
        }
    }

    /// Numbers convert as C does; strings are parsed directly as float.
    static func toFloat(_ value: Value) -> Value {
        switch value {
        case .bool, .int16, .int32, .int64, .float, .double, .timestamp:
            return NumericValues.float(value).map(Value.float) ?? .null
        case .string(let s): return TextValueParsing.float(s).map(Value.float) ?? .null
        case .null, .date, .array, .map: return .null
        }
    }

    /// Numbers and timestamps (ms) convert exactly where they can; strings are parsed.
    static func toDouble(_ value: Value) -> Value {
        switch value {
        case .bool, .int16, .int32, .int64, .float, .double, .timestamp:
            return NumericValues.double(value).map(Value.double) ?? .null
        case .string(let s): return TextValueParsing.double(s).map(Value.double) ?? .null
        case .null, .date, .array, .map: return .null
        }
    }

    /// The string form `text(_:timeZone:)` writes, in the session time zone.
    static func toText(_ value: Value, context: FunctionContext) -> Value {
        .string(text(value, timeZone: context.timeZone))
    }

    /// The text form of a value as OpenMLDB's `string(x)` writes it: `true`/`false`, integers in
    /// decimal, floats like C++ streams (`%g`, 6 significant digits: `1.1`, `1`, `1e+20`), dates
    /// as `YYYY-MM-DD` and timestamps as `YYYY-MM-DD HH:MM:SS` in the session time zone.
    public static func text(_ value: Value, timeZone: SessionTimeZone) -> String {
        ValueText.render(value, timeZone: timeZone, real: .general, collections: .spaced)
    }

    /// Timestamps take their local date; strings are parsed; other types give NULL.
    static func toDate(_ value: Value, context: FunctionContext) -> Value {
        switch value {
        case .timestamp(let ms):
            return dateValue(LocalDateTime(timestamp: ms, in: context.timeZone).date)
        case .string(let s):
            return TextValueParsing.date(s).map(dateValue) ?? .null
        case .null, .bool, .int16, .int32, .int64, .float, .double, .date, .array, .map:
            return .null
        }
    }

    /// A date value; NULL before 1900-01-01, OpenMLDB's earliest date.
    static func dateValue(_ date: CivilDate) -> Value {
        guard date.year >= 1900, let days = Int32(exactly: date.days) else { return .null }
        return .date(days)
    }

    /// Integers are milliseconds, dates are local midnight, strings are local date-times.
    static func toTimestamp(_ value: Value, context: FunctionContext) -> Value {
        switch value {
        case .bool, .int16, .int32, .int64:
            return NumericValues.integer(value).map(Value.timestamp) ?? .null
        case .float(let f): return truncated(Double(f), .int64).int64Value.map(Value.timestamp) ?? .null
        case .double(let d): return truncated(d, .int64).int64Value.map(Value.timestamp) ?? .null
        case .date(let days):
            return .timestamp(LocalDateTime(date: CivilDate(days: Int64(days))).timestamp(in: context.timeZone))
        case .string(let s):
            return TextValueParsing.timestamp(s, in: context.timeZone).map(Value.timestamp) ?? .null
        case .null, .timestamp, .array, .map: return .null
        }
    }
}
