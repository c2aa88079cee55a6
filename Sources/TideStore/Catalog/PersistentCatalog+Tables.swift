import Synchronization
import TideCore

/// Tables: `CREATE TABLE`, `DROP TABLE`, and definition changes (`CREATE INDEX`, TTL).
extension PersistentCatalog {
    /// The table `name` of `database` with its id, or nil (names resolve as the type's doc
    /// comment says).
    public func tableRecord(database: String, name: String) -> TableRecord? {
        state.withLock { state in
            guard let stored = state.resolveDatabase(database) else { return nil }
            return state.table(database: stored, name: name)
        }
    }

    /// The tables of `database`, sorted by name. Throws `3D000` if the database does not exist.
    public func listTables(database: String) throws -> [TableDef] {
        try tableRecords(database: database).map(\.definition)
    }

    /// The table whose id is `id`, if it exists.
    public func tableRecord(id: UInt32) -> TableRecord? {
        state.withLock { state in state.tables.values.lazy.flatMap(\.values).first { $0.id == id } }
    }

    /// The tables of `database` with their ids, sorted by name. Throws `3D000` if the
    /// database does not exist.
    public func tableRecords(database: String) throws -> [TableRecord] {
        try state.withLock { state in
            guard let stored = state.resolveDatabase(database) else { throw TideError.unknownDatabase(database) }
            return (state.tables[stored] ?? [:]).values.sorted { $0.definition.name < $1.definition.name }
        }
    }

    /// Creates `definition.name` in `definition.database` with a new table id, in one write.
    /// The stored definition names the database as stored. Returns nil (and changes nothing)
    /// if a table of exactly that name exists and `ifNotExists` is set. Throws `3D000` for
    /// an unknown database and `42P07` for an existing table.
    @discardableResult
    public func createTable(_ definition: TableDef, ifNotExists: Bool = false) throws -> TableRecord? {
        try mutate { state, batch in
            guard let database = state.resolveDatabase(definition.database) else {
                throw TideError.unknownDatabase(definition.database)
            }
            if state.tables[database]?[definition.name] != nil {
                if ifNotExists { return nil }
                throw TideError.duplicateTable(database: database, name: definition.name)
            }
            var stored = definition
            stored.database = database
            let id = try Self.allocateTableID(&state, batch)
            let record = TableRecord(id: id, definition: stored, createdAtMs: clock())
            batch.put(CatalogKey.table(database: database, name: stored.name).bytes, try CatalogCoding.encode(record))
            state.tables[database, default: [:]][stored.name] = record
            return record
        }
    }

    /// Drops table `name` of `database` and returns its record. In the same write the table is
    /// recorded as dropping: the caller removes its rows and files, then calls
    /// `finishDrop(tableID:)`; a drop a crash interrupted is still listed by `droppedTables()`
    /// at the next open, to be finished then. Returns nil if the table does not exist and
    /// `ifExists` is set. Throws `3D000` for an unknown database (even with `ifExists`) and
    /// `42P01` for an unknown table.
    @discardableResult
    public func dropTable(database: String, name: String, ifExists: Bool = false) throws -> TableRecord? {
        try mutate { state, batch in
            guard let stored = state.resolveDatabase(database) else { throw TideError.unknownDatabase(database) }
            guard let record = state.table(database: stored, name: name) else {
                if ifExists { return nil }
                throw TideError.undefinedTable(database: stored, name: name)
            }
            let tableName = record.definition.name
            if let source = state.connectors.values.first(where: {
                $0.kind == .source && $0.database == stored && $0.target == tableName
            }) {
                throw TideError(
                    "2BP01",
                    "table \"\(tableName)\" is written by Kafka source \"\(source.name)\"",
                    hint: "DROP SOURCE \(source.name) first")
            }
            batch.delete(CatalogKey.table(database: stored, name: tableName).bytes)
            batch.put(CatalogKey.droppedTable(record.id).bytes, try CatalogCoding.encode(record))
            state.droppedTables[record.id] = record
            state.tables[stored]?[tableName] = nil
            if state.tables[stored]?.isEmpty == true { state.tables[stored] = nil }
            return record
        }
    }

    /// Tables dropped whose rows and files may not all be removed yet.
    public func droppedTables() -> [TableRecord] {
        state.withLock { $0.droppedTables.values.sorted { $0.id < $1.id } }
    }

    /// Forgets dropped table `tableID` once its rows and files are gone.
    public func finishDrop(tableID: UInt32) throws {
        try mutate { state, batch in
            guard state.droppedTables[tableID] != nil else { return }
            batch.delete(CatalogKey.droppedTable(tableID).bytes)
            state.droppedTables[tableID] = nil
        }
    }

    /// Replaces the definition of an existing table (after `CREATE INDEX`, a TTL change, …),
    /// keeping its id, creation time and stored names. Returns the new record. Throws `3D000`
    /// for an unknown database and `42P01` for an unknown table.
    @discardableResult
    public func replaceTable(_ definition: TableDef) throws -> TableRecord {
        try mutate { state, batch in
            guard let database = state.resolveDatabase(definition.database) else {
                throw TideError.unknownDatabase(definition.database)
            }
            guard var record = state.table(database: database, name: definition.name) else {
                throw TideError.undefinedTable(database: database, name: definition.name)
            }
            let tableName = record.definition.name
            record.definition = definition
            record.definition.database = database
            record.definition.name = tableName
            batch.put(CatalogKey.table(database: database, name: tableName).bytes, try CatalogCoding.encode(record))
            state.tables[database]?[tableName] = record
            return record
        }
    }
}
