/// A database as the catalog stores it (value of a `CatalogKey.database` entry).
public struct DatabaseRecord: Sendable, Hashable, Codable {
    /// The name exactly as created.
    public var name: String
    /// When `CREATE DATABASE` ran, in milliseconds since the Unix epoch.
    public var createdAtMs: Int64

    public init(name: String, createdAtMs: Int64) {
        self.name = name
        self.createdAtMs = createdAtMs
    }
}
