import TideCore

/// A table as the catalog stores it (value of a `CatalogKey.table` entry): its definition
/// plus the id that names its key spaces in the online store.
public struct TableRecord: Sendable, Hashable, Codable {
    /// Unique for the life of the data directory: ids are never reused, even after a drop,
    /// so rows of a dropped table can never be mistaken for rows of a new one.
    public var id: UInt32
    /// The schema and indexes; `definition.database` is the database's stored name.
    public var definition: TableDef
    /// When `CREATE TABLE` ran, in milliseconds since the Unix epoch.
    public var createdAtMs: Int64

    public init(id: UInt32, definition: TableDef, createdAtMs: Int64) {
        self.id = id
        self.definition = definition
        self.createdAtMs = createdAtMs
    }
}
