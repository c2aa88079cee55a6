import Foundation
import Synchronization
import TideCore

/// The catalog of databases, tables, deployments and users, persisted in RocksDB.
///
/// Entries live in the catalog key space of the data directory's one RocksDB instance
/// (first byte `0x01`; `CatalogKey` documents the layout) as JSON records:
/// `DatabaseRecord`, `TableRecord` (the `TableDef` plus its id), `DeploymentRecord` and
/// `UserRecord` (a SCRAM verifier, never a password), plus the table-id sequence.
///
/// **Durability.** Every mutation is one `RocksWriteBatch` written with `sync: true`: when
/// a DDL method returns, its change survives `kill -9` and power loss, and a crash never
/// leaves half of it (for example a table without its id bump).
///
/// **Reads** come from an in-memory copy loaded at `init` and replaced only after a write
/// succeeded, so a failed write leaves both disk and cache unchanged. A `Mutex` guards it;
/// mutations hold the lock across their write, so DDL is serialized and check-then-write
/// is race-free.
///
/// **Names** are stored exactly as created and are case-sensitive: `t` and `T` may both
/// exist. Lookups take the exact name first, then the one stored name equal to it ignoring
/// case (`CatalogState.resolve(_:among:)`), like `InMemoryCatalog`.
public final class PersistentCatalog: CatalogReader, Sendable {
    let store: RocksDatabase
    let state: Mutex<CatalogState>
    /// Milliseconds since the Unix epoch, for the records' `createdAtMs`.
    let clock: @Sendable () -> Int64

    /// Loads the catalog from `store`. Throws `XX001` if an entry is corrupted, `58030` if
    /// RocksDB cannot be read.
    public init(store: RocksDatabase, clock: @escaping @Sendable () -> Int64 = PersistentCatalog.systemClock) throws {
        self.store = store
        self.clock = clock
        let entries = try store.scan(prefix: CatalogKey.spacePrefix)
        self.state = Mutex(try CatalogState(entries: entries))
    }

    /// The wall clock in milliseconds since the Unix epoch.
    @Sendable public static func systemClock() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded(.down))
    }

    // MARK: - CatalogReader

    public func databaseExists(_ name: String) -> Bool {
        state.withLock { $0.resolveDatabase(name) != nil }
    }

    public func table(database: String, name: String) -> TableDef? {
        tableRecord(database: database, name: name)?.definition
    }

    // MARK: - Databases

    /// The stored names of all databases, sorted.
    public func listDatabases() -> [String] {
        state.withLock { $0.databases.keys.sorted() }
    }

    /// Creates database `name`. Returns false (and changes nothing) if it exists and
    /// `ifNotExists` is set; throws `42P04` if it exists otherwise. "Exists" means exactly
    /// that name: `Demo` may be created beside `demo`.
    @discardableResult
    public func createDatabase(_ name: String, ifNotExists: Bool = false) throws -> Bool {
        try mutate { state, batch in
            if state.databases[name] != nil {
                if ifNotExists { return false }
                throw TideError.duplicateDatabase(name)
            }
            let record = DatabaseRecord(name: name, createdAtMs: clock())
            batch.put(CatalogKey.database(name).bytes, try CatalogCoding.encode(record))
            state.databases[name] = record
            return true
        }
    }

    /// Drops database `name`, which must have no tables and no deployments (`2BP01`
    /// otherwise). Returns false if it does not exist and `ifExists` is set; throws `3D000`
    /// if it does not exist otherwise.
    @discardableResult
    public func dropDatabase(_ name: String, ifExists: Bool = false) throws -> Bool {
        try mutate { state, batch in
            guard let stored = state.resolveDatabase(name) else {
                if ifExists { return false }
                throw TideError.unknownDatabase(name)
            }
            let tables = state.tables[stored]?.count ?? 0
            let deployments = state.deployments[stored]?.count ?? 0
            guard tables == 0, deployments == 0 else {
                throw TideError.databaseNotEmpty(stored, tables: tables, deployments: deployments)
            }
            batch.delete(CatalogKey.database(stored).bytes)
            state.databases[stored] = nil
            state.tables[stored] = nil
            state.deployments[stored] = nil
            return true
        }
    }

    // MARK: - Table ids

    /// Hands out a new table id, larger than every id handed out before (by this method or
    /// by `createTable`), persisted before it is returned.
    public func nextTableID() throws -> UInt32 {
        try mutate { state, batch in try Self.allocateTableID(&state, batch) }
    }

    /// Bumps the table-id sequence in `state` and adds the new value to `batch`.
    static func allocateTableID(_ state: inout CatalogState, _ batch: RocksWriteBatch) throws -> UInt32 {
        guard state.lastTableID < UInt32.max else { throw TideError.internal("table ids are exhausted") }
        state.lastTableID += 1
        batch.put(CatalogKey.tableIDSequence.bytes, CatalogCoding.encodeSequence(UInt64(state.lastTableID)))
        return state.lastTableID
    }

    // MARK: - Mutation

    /// Runs one catalog mutation under the lock: `body` edits a copy of the state and adds
    /// the matching puts and deletes to a batch; the batch is written with `sync: true`, and
    /// only then does the copy replace the state. If `body` or the write throws, nothing
    /// changes.
    func mutate<Result: Sendable>(
        _ body: (inout CatalogState, RocksWriteBatch) throws -> Result
    ) throws -> Result {
        try state.withLock { current in
            var next = current
            let batch = try RocksWriteBatch()
            let result = try body(&next, batch)
            if !batch.isEmpty {
                try store.write(batch, sync: true)
            }
            current = next
            return result
        }
    }
}
