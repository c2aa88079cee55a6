/// A table: its database, name, columns and indexes.
public struct TableDef: Sendable, Hashable, Codable {
    public var database: String
    public var name: String
    public var columns: [ColumnDef]
    public var indexes: [IndexDef]

    public init(database: String, name: String, columns: [ColumnDef], indexes: [IndexDef] = []) {
        self.database = database
        self.name = name
        self.columns = columns
        self.indexes = indexes
    }

    /// The position of a column (case-insensitive), or nil.
    public func columnIndex(_ name: String) -> Int? {
        if let exact = columns.firstIndex(where: { $0.name == name }) { return exact }
        let lower = name.lowercased()
        return columns.firstIndex { $0.name.lowercased() == lower }
    }
}
