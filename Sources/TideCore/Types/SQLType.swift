/// The type of an expression: a scalar `DataType`, or the list and map types that functions
/// such as `split` and `map` produce.
public indirect enum SQLType: Sendable, Hashable, CustomStringConvertible {
    case scalar(DataType)
    case array(SQLType)
    case map(key: SQLType, value: SQLType)
    /// A bare NULL literal, before context gives it a type.
    case null

    public static let bool = SQLType.scalar(.bool)
    public static let int16 = SQLType.scalar(.int16)
    public static let int32 = SQLType.scalar(.int32)
    public static let int64 = SQLType.scalar(.int64)
    public static let float = SQLType.scalar(.float)
    public static let double = SQLType.scalar(.double)
    public static let string = SQLType.scalar(.string)
    public static let date = SQLType.scalar(.date)
    public static let timestamp = SQLType.scalar(.timestamp)

    /// The scalar type, if this is one.
    public var scalar: DataType? {
        if case .scalar(let t) = self { return t }
        return nil
    }

    /// `int32`, `array<string>`, `map<string, int64>`, `null`.
    public var description: String {
        switch self {
        case .scalar(let t): return t.rawValue
        case .array(let e): return "array<\(e)>"
        case .map(let k, let v): return "map<\(k), \(v)>"
        case .null: return "null"
        }
    }
}
