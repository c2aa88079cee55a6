import TideCore

/// One column of a plan node's output: its name, the table alias that qualifies it (if any)
/// and its type.
public struct PlanColumn: Sendable, Hashable {
    public var name: String
    public var qualifier: String?
    public var type: SQLType
    /// The database of the table the column comes from (for `db.t.c` names), if known.
    public var database: String?

    public init(name: String, qualifier: String? = nil, type: SQLType, database: String? = nil) {
        self.name = name
        self.qualifier = qualifier
        self.type = type
        self.database = database
    }
}
