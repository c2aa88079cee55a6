/// An index of a table: the key columns rows are grouped by, the column they are ordered by
/// (newest first), and how long rows are kept. Each index is one key space online.
public struct IndexDef: Sendable, Hashable, Codable {
    public var name: String
    public var keyColumns: [String]
    /// nil: rows are ordered by insertion.
    public var tsColumn: String?
    public var ttl: TTL

    public init(name: String, keyColumns: [String], tsColumn: String?, ttl: TTL = .forever) {
        self.name = name
        self.keyColumns = keyColumns
        self.tsColumn = tsColumn
        self.ttl = ttl
    }

    /// True if this index serves lookups on exactly `keys` (any order, case-insensitive)
    /// ordered by `ts`.
    public func serves(keys: [String], ts: String?) -> Bool {
        Set(keyColumns.map { $0.lowercased() }) == Set(keys.map { $0.lowercased() })
            && tsColumn?.lowercased() == ts?.lowercased()
    }
}
