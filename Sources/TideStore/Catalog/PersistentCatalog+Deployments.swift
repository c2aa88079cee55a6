import Synchronization
import TideCore

/// Deployments: `DEPLOY name SELECT ...`, `DROP DEPLOYMENT`, `SHOW DEPLOYMENTS`.
extension PersistentCatalog {
    /// The deployment `name` of `database`, or nil (names resolve as the type's doc comment
    /// says).
    public func deployment(database: String, name: String) -> DeploymentRecord? {
        state.withLock { state in
            guard let stored = state.resolveDatabase(database) else { return nil }
            return state.deployment(database: stored, name: name)
        }
    }

    /// The deployments of `database`, sorted by name. Throws `3D000` if the database does
    /// not exist.
    public func listDeployments(database: String) throws -> [DeploymentRecord] {
        try state.withLock { state in
            guard let stored = state.resolveDatabase(database) else { throw TideError.unknownDatabase(database) }
            return (state.deployments[stored] ?? [:]).values.sorted { $0.name < $1.name }
        }
    }

    /// Stores deployment `name` of `database` with its SQL text and metadata, stamped with
    /// the current time. Returns nil (and changes nothing) if a deployment of exactly that
    /// name exists and `ifNotExists` is set. Throws `3D000` for an unknown database and
    /// `42710` for an existing deployment.
    @discardableResult
    public func createDeployment(
        database: String,
        name: String,
        sql: String,
        metadata: JSONValue = .object([:]),
        ifNotExists: Bool = false
    ) throws -> DeploymentRecord? {
        try mutate { state, batch in
            guard let stored = state.resolveDatabase(database) else { throw TideError.unknownDatabase(database) }
            if state.deployments[stored]?[name] != nil {
                if ifNotExists { return nil }
                throw TideError.duplicateDeployment(database: stored, name: name)
            }
            let record = DeploymentRecord(
                name: name,
                database: stored,
                sql: sql,
                createdAtMs: clock(),
                metadata: metadata
            )
            batch.put(CatalogKey.deployment(database: stored, name: name).bytes, try CatalogCoding.encode(record))
            state.deployments[stored, default: [:]][name] = record
            return record
        }
    }

    /// Drops deployment `name` of `database` and returns its record. Returns nil if it does
    /// not exist and `ifExists` is set. Throws `3D000` for an unknown database (even with
    /// `ifExists`) and `42704` for an unknown deployment.
    @discardableResult
    public func dropDeployment(database: String, name: String, ifExists: Bool = false) throws -> DeploymentRecord? {
        try mutate { state, batch in
            guard let stored = state.resolveDatabase(database) else { throw TideError.unknownDatabase(database) }
            guard let record = state.deployment(database: stored, name: name) else {
                if ifExists { return nil }
                throw TideError.undefinedDeployment(database: stored, name: name)
            }
            if let sink = state.connectors.values.first(where: {
                $0.kind == .sink && $0.database == stored && $0.target == record.name
            }) {
                throw TideError(
                    "2BP01", "deployment \"\(record.name)\" is published by Kafka sink \"\(sink.name)\"",
                    hint: "DROP SINK \(sink.name) first")
            }
            batch.delete(CatalogKey.deployment(database: stored, name: record.name).bytes)
            state.deployments[stored]?[record.name] = nil
            if state.deployments[stored]?.isEmpty == true { state.deployments[stored] = nil }
            return record
        }
    }
}
