import Synchronization
import TideCore

/// Users: `CREATE USER`, `ALTER USER`, `DROP USER`, and the look-up the wire server
/// authenticates against. Users belong to the server, not to a database. Their records hold
/// a SCRAM verifier derived by the caller; this catalog never sees a password.
extension PersistentCatalog {
    /// The user `name`, or nil (names resolve as the type's doc comment says).
    public func user(_ name: String) -> UserRecord? {
        state.withLock { $0.user(name) }
    }

    /// Every user, sorted by name.
    public func listUsers() -> [UserRecord] {
        state.withLock { $0.users.values.sorted { $0.name < $1.name } }
    }

    /// Stores `record` as a new user, stamped with the current time. Returns nil (and changes
    /// nothing) if a user of exactly that name exists and `ifNotExists` is set; throws `42710`
    /// if it exists otherwise.
    @discardableResult
    public func createUser(_ record: UserRecord, ifNotExists: Bool = false) throws -> UserRecord? {
        try mutate { state, batch in
            if state.users[record.name] != nil {
                if ifNotExists { return nil }
                throw TideError.duplicateUser(record.name)
            }
            var stored = record
            stored.createdAtMs = clock()
            batch.put(CatalogKey.user(stored.name).bytes, try CatalogCoding.encode(stored))
            state.users[stored.name] = stored
            return stored
        }
    }

    /// Replaces the SCRAM verifier of user `name` (a new password), keeping its stored name
    /// and creation time. Returns the new record, or nil if the user does not exist and
    /// `ifExists` is set; throws `42704` if it does not exist otherwise.
    @discardableResult
    public func alterUser(
        _ name: String, salt: [UInt8], iterations: Int, storedKey: [UInt8], serverKey: [UInt8],
        ifExists: Bool = false
    ) throws -> UserRecord? {
        try mutate { state, batch in
            guard var record = state.user(name) else {
                if ifExists { return nil }
                throw TideError.undefinedUser(name)
            }
            record.salt = salt
            record.iterations = iterations
            record.storedKey = storedKey
            record.serverKey = serverKey
            batch.put(CatalogKey.user(record.name).bytes, try CatalogCoding.encode(record))
            state.users[record.name] = record
            return record
        }
    }

    /// Drops user `name` and returns its record. Returns nil if it does not exist and
    /// `ifExists` is set; throws `42704` if it does not exist otherwise.
    @discardableResult
    public func dropUser(_ name: String, ifExists: Bool = false) throws -> UserRecord? {
        try mutate { state, batch in
            guard let record = state.user(name) else {
                if ifExists { return nil }
                throw TideError.undefinedUser(name)
            }
            batch.delete(CatalogKey.user(record.name).bytes)
            state.users[record.name] = nil
            return record
        }
    }
}
