import TideCore

/// The in-memory copy of everything in the catalog key space, loaded once at open and
/// updated only after the write batch that persists a change has succeeded.
struct CatalogState: Sendable {
    /// Stored database name → record.
    var databases: [String: DatabaseRecord] = [:]
    /// Stored database name → stored table name → record.
    var tables: [String: [String: TableRecord]] = [:]
    /// Stored database name → stored deployment name → record.
    var deployments: [String: [String: DeploymentRecord]] = [:]
    /// Stored user name → record (users belong to the server, not to a database).
    var users: [String: UserRecord] = [:]
    /// Stored connector name → record (Kafka sources and sinks belong to the server).
    var connectors: [String: ConnectorRecord] = [:]
    /// Table id → a dropped table whose rows and files are still to be removed.
    var droppedTables: [UInt32: TableRecord] = [:]
    /// The last table id handed out (0: none yet).
    var lastTableID: UInt32 = 0

    /// The stored database name `name` refers to (see `resolve(_:among:)`).
    func resolveDatabase(_ name: String) -> String? {
        Self.resolve(name, among: databases.keys)
    }

    /// The table `name` of the database stored as `database`.
    func table(database: String, name: String) -> TableRecord? {
        guard let byName = tables[database], let stored = Self.resolve(name, among: byName.keys) else { return nil }
        return byName[stored]
    }

    /// The deployment `name` of the database stored as `database`.
    func deployment(database: String, name: String) -> DeploymentRecord? {
        guard let byName = deployments[database], let stored = Self.resolve(name, among: byName.keys) else {
            return nil
        }
        return byName[stored]
    }

    /// The connector `name` of `kind` (resolved like every other name).
    func connector(_ name: String, kind: ConnectorRecord.Kind) -> ConnectorRecord? {
        guard let stored = Self.resolve(name, among: connectors.keys), let record = connectors[stored],
            record.kind == kind
        else { return nil }
        return record
    }

    /// The user `name` (resolved like every other name).
    func user(_ name: String) -> UserRecord? {
        guard let stored = Self.resolve(name, among: users.keys) else { return nil }
        return users[stored]
    }

    /// Names are stored case-sensitively. A lookup takes the exact name if it exists, else
    /// the one stored name equal to it ignoring case; when several differ only in case,
    /// the lookup must spell one exactly.
    static func resolve(_ name: String, among stored: some Collection<String>) -> String? {
        if stored.contains(name) { return name }
        let lower = name.lowercased()
        let matches = stored.filter { $0.lowercased() == lower }
        return matches.count == 1 ? matches.first : nil
    }
}

extension CatalogState {
    /// Rebuilds the state from the entries of the catalog key space. Throws `XX001` when an
    /// entry cannot be decoded or contradicts its key or another entry.
    init(entries: [(key: [UInt8], value: [UInt8])]) throws {
        var sequenceValue: UInt64 = 0
        for (key, value) in entries {
            switch try CatalogKey(decoding: key) {
            case .database(let name):
                let record = try CatalogCoding.decode(DatabaseRecord.self, from: value, key: key)
                guard record.name == name else { throw TideError.corruptedCatalog(key: key, "name differs from key") }
                databases[name] = record
            case .table(let database, let name):
                let record = try CatalogCoding.decode(TableRecord.self, from: value, key: key)
                guard record.definition.database == database, record.definition.name == name else {
                    throw TideError.corruptedCatalog(key: key, "table name differs from key")
                }
                tables[database, default: [:]][name] = record
            case .deployment(let database, let name):
                let record = try CatalogCoding.decode(DeploymentRecord.self, from: value, key: key)
                guard record.database == database, record.name == name else {
                    throw TideError.corruptedCatalog(key: key, "deployment name differs from key")
                }
                deployments[database, default: [:]][name] = record
            case .sequence(let name):
                guard CatalogKey.sequence(name) == CatalogKey.tableIDSequence else {
                    throw TideError.corruptedCatalog(key: key, "unknown sequence \"\(name)\"")
                }
                sequenceValue = try CatalogCoding.decodeSequence(value, key: key)
            case .user(let name):
                let record = try CatalogCoding.decode(UserRecord.self, from: value, key: key)
                guard record.name == name else {
                    throw TideError.corruptedCatalog(key: key, "user name differs from key")
                }
                users[name] = record
            case .connector(let name):
                let record = try CatalogCoding.decode(ConnectorRecord.self, from: value, key: key)
                guard record.name == name else {
                    throw TideError.corruptedCatalog(key: key, "connector name differs from key")
                }
                connectors[name] = record
            case .droppedTable(let id):
                let record = try CatalogCoding.decode(TableRecord.self, from: value, key: key)
                guard record.id == id else { throw TideError.corruptedCatalog(key: key, "table id differs from key") }
                droppedTables[id] = record
            }
        }
        for database in Set(tables.keys).union(deployments.keys) where databases[database] == nil {
            throw TideError.corruptedCatalog(
                key: CatalogKey.database(database).bytes,
                "database \"\(database)\" has tables or deployments but no entry"
            )
        }
        guard let last = UInt32(exactly: sequenceValue) else {
            throw TideError.corruptedCatalog(key: CatalogKey.tableIDSequence.bytes, "table id out of range")
        }
        // The sequence is written with every table, so it is never behind; max() only guards
        // against handing out an id twice should it ever be.
        let highest = max(
            tables.values.flatMap(\.values).map(\.id).max() ?? 0, connectors.values.map(\.id).max() ?? 0,
            droppedTables.keys.max() ?? 0)
        lastTableID = max(last, highest)
    }
}
