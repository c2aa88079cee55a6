/// The column and value types TideDB stores and computes with (OpenMLDB's type set).
public enum DataType: String, Sendable, Hashable, CaseIterable, Codable, CustomStringConvertible {
    case bool
    case int16
    case int32
    case int64
    case float
    case double
    case string
    case date
    /// Milliseconds since the Unix epoch, as an int64.
    case timestamp

    /// The canonical name printed in SQL, JSON output and `DESC` (`int32`, `timestamp`, ...).
    public var description: String { rawValue }

    /// Looks up a type by any of the spellings the dialect accepts for it
    /// (`int`, `integer`, `i32`, `int32`; `varchar`; `bigint`; ...), case-insensitively.
    public init?(sqlName: String) {
        switch sqlName.lowercased() {
        case "bool", "boolean": self = .bool
        case "smallint", "int16", "i16": self = .int16
        case "int", "integer", "int32", "i32": self = .int32
        case "bigint", "int64", "i64": self = .int64
        case "float", "float32", "real": self = .float
        case "double", "float64": self = .double
        case "string", "varchar", "text": self = .string
        case "date": self = .date
        case "timestamp": self = .timestamp
        default: return nil
        }
    }

    /// True for the integer types.
    public var isInteger: Bool {
        switch self {
        case .int16, .int32, .int64: return true
        case .bool, .float, .double, .string, .date, .timestamp: return false
        }
    }

    /// True for the integer and floating-point types.
    public var isNumeric: Bool {
        switch self {
        case .int16, .int32, .int64, .float, .double: return true
        case .bool, .string, .date, .timestamp: return false
        }
    }
}
