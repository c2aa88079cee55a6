/// Read access to the catalog: what the binder needs to resolve names. TideStore implements
/// it over RocksDB; tests use `InMemoryCatalog`.
public protocol CatalogReader: Sendable {
    func databaseExists(_ name: String) -> Bool
    /// The table `name` in `database`, or nil.
    func table(database: String, name: String) -> TableDef?
}

/// A catalog held in memory (tests, and plans built without storage).
public struct InMemoryCatalog: CatalogReader {
    public var databases: Set<String>
    public var tables: [TableDef]

    public init(databases: Set<String> = [], tables: [TableDef] = []) {
        self.databases = databases.union(tables.map(\.database))
        self.tables = tables
    }

    public func databaseExists(_ name: String) -> Bool { databases.contains(name) }

    public func table(database: String, name: String) -> TableDef? {
        tables.first { $0.database == database && $0.name == name }
            ?? tables.first { $0.database == database && $0.name.lowercased() == name.lowercased() }
    }
}
