/// One SQL value. Dates are days since 1970-01-01; timestamps are milliseconds since the
/// Unix epoch (UTC); both engines and the stores use this one representation.
public enum Value: Sendable, Hashable {
    case null
    case bool(Bool)
    case int16(Int16)
    case int32(Int32)
    case int64(Int64)
    case float(Float)
    case double(Double)
    case string(String)
    /// Days since 1970-01-01 (negative before).
    case date(Int32)
    /// Milliseconds since 1970-01-01T00:00:00Z.
    case timestamp(Int64)
    case array([Value])
    /// Parallel key and value lists, in insertion order.
    case map(keys: [Value], values: [Value])

    public var isNull: Bool {
        if case .null = self { return true }
        return false
    }

    /// The value as an Int64 if it is an integer, timestamp, date or bool.
    public var int64Value: Int64? {
        switch self {
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v): return v
        case .timestamp(let v): return v
        case .date(let v): return Int64(v)
        case .bool(let b): return b ? 1 : 0
        case .null, .float, .double, .string, .array, .map: return nil
        }
    }

    /// The value as a Double if it is numeric (integers, floats, timestamps, bools).
    public var doubleValue: Double? {
        switch self {
        case .float(let v): return Double(v)
        case .double(let v): return v
        case .int16, .int32, .int64, .timestamp, .date, .bool: return int64Value.map(Double.init)
        case .null, .string, .array, .map: return nil
        }
    }

    public var stringValue: String? {
        if case .string(let s) = self { return s }
        return nil
    }

    public var boolValue: Bool? {
        if case .bool(let b) = self { return b }
        return nil
    }

    /// The scalar type of a non-null scalar value.
    public var dataType: DataType? {
        switch self {
        case .bool: return .bool
        case .int16: return .int16
        case .int32: return .int32
        case .int64: return .int64
        case .float: return .float
        case .double: return .double
        case .string: return .string
        case .date: return .date
        case .timestamp: return .timestamp
        case .null, .array, .map: return nil
        }
    }
}
