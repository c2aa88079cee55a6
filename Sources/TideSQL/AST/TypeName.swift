import TideCore

/// A type as written in DDL, CAST and array literals.
public indirect enum TypeName: Sendable, Hashable {
    /// One of the scalar types; `length` is VARCHAR's optional `(n)`.
    case scalar(DataType, length: Int64?)
    /// `ARRAY<T [NOT NULL]>`.
    case array(element: TypeName, elementNotNull: Bool)
    /// `MAP<K, V [NOT NULL]>`.
    case map(key: TypeName, value: TypeName, valueNotNull: Bool)

    /// A scalar type without length.
    public static func of(_ type: DataType) -> TypeName { .scalar(type, length: nil) }
}

extension TypeName: CustomStringConvertible {
    /// The type as SQL spells it (`int32`, `ARRAY<int64>`, `MAP<int32, string>`).
    public var description: String { SQLPrinter.text(self) }
}
