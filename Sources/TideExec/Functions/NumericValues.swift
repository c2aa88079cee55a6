import TideCore

/// Reading numbers out of `Value`s and building `Value`s of a numeric type, shared by the math,
/// operator, cast and null-handling kernels.
enum NumericValues {
    /// The value as a two's-complement integer: integers, bools (0/1) and timestamps (ms).
    static func integer(_ value: Value) -> Int64? {
        switch value {
        case .bool, .int16, .int32, .int64, .timestamp: return value.int64Value
        case .null, .float, .double, .string, .date, .array, .map: return nil
        }
    }

    /// The value as a Double: any number, bool or timestamp.
    static func double(_ value: Value) -> Double? {
        switch value {
        case .bool, .int16, .int32, .int64, .float, .double, .timestamp: return value.doubleValue
        case .null, .string, .date, .array, .map: return nil
        }
    }

    /// The value as a Float, converting integers directly (not through Double) as C does.
    static func float(_ value: Value) -> Float? {
        switch value {
        case .float(let f): return f
        case .double(let d): return Float(d)
        case .bool, .int16, .int32, .int64, .timestamp: return integer(value).map { Float($0) }
        case .null, .string, .date, .array, .map: return nil
        }
    }

    /// An integer result of type `type`, wrapped to its width (C++ two's-complement overflow).
    static func make(_ integer: Int64, as type: DataType) -> Value {
        switch type {
        case .bool: return .bool(integer & 1 != 0)
        case .int16: return .int16(Int16(truncatingIfNeeded: integer))
        case .int32: return .int32(Int32(truncatingIfNeeded: integer))
        case .int64: return .int64(integer)
        case .timestamp: return .timestamp(integer)
        case .float: return .float(Float(integer))
        case .double: return .double(Double(integer))
        case .string, .date: return .null
        }
    }

    /// Converts a number (or bool, or timestamp) to the numeric type `type`, as an implicit
    /// widening would; NULL if the value is not numeric.
    static func coerce(_ value: Value, to type: DataType) -> Value {
        switch type {
        case .bool, .int16, .int32, .int64, .timestamp:
            if let i = integer(value) { return make(i, as: type) }
            return .null
        case .float: return float(value).map(Value.float) ?? .null
        case .double: return double(value).map(Value.double) ?? .null
        case .string, .date: return .null
        }
    }

    /// True for the result types computed as two's-complement integers.
    static func isIntegral(_ type: DataType) -> Bool {
        switch type {
        case .bool, .int16, .int32, .int64, .timestamp: return true
        case .float, .double, .string, .date: return false
        }
    }
}
