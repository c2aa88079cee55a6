/// A table column: name, type, nullability and default.
public struct ColumnDef: Sendable, Hashable, Codable {
    public var name: String
    public var type: DataType
    public var notNull: Bool
    public var defaultValue: String?

    public init(name: String, type: DataType, notNull: Bool = false, defaultValue: String? = nil) {
        self.name = name
        self.type = type
        self.notNull = notNull
        self.defaultValue = defaultValue
    }
}
