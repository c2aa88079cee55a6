import Synchronization
import TideCore

/// Kafka connectors: `CREATE KAFKA SOURCE|SINK`, `START`/`STOP`, `DROP`, and the list a
/// process starts from when it opens the data directory. Their positions (partition offsets)
/// live in the online store, written with the rows they cover (`OnlineStore+SourcePositions`).
extension PersistentCatalog {
    /// The connector `name` (resolved like every other name), or nil.
    public func connector(_ name: String) -> ConnectorRecord? {
        state.withLock { state in
            CatalogState.resolve(name, among: state.connectors.keys).flatMap { state.connectors[$0] }
        }
    }

    /// Every connector, sorted by name.
    public func listConnectors() -> [ConnectorRecord] {
        state.withLock { $0.connectors.values.sorted { $0.name < $1.name } }
    }

    /// Stores `record` as a new connector with a fresh id and the current time, and returns
    /// the stored record. Returns nil (and changes nothing) if a connector of that name exists
    /// and `ifNotExists` is set; throws `42710` if it exists otherwise.
    @discardableResult
    public func createConnector(_ record: ConnectorRecord, ifNotExists: Bool = false) throws -> ConnectorRecord? {
        try mutate { state, batch in
            if CatalogState.resolve(record.name, among: state.connectors.keys) != nil {
                if ifNotExists { return nil }
                throw TideError.duplicateConnector(record.name)
            }
            var stored = record
            stored.id = try Self.allocateTableID(&state, batch)
            stored.createdAtMs = clock()
            batch.put(CatalogKey.connector(stored.name).bytes, try CatalogCoding.encode(stored))
            state.connectors[stored.name] = stored
            return stored
        }
    }

    /// Marks connector `name` of `kind` running or stopped and returns its record; throws
    /// `42704` if no such connector exists.
    @discardableResult
    public func setConnectorRunning(_ name: String, kind: ConnectorRecord.Kind, running: Bool) throws
        -> ConnectorRecord
    {
        try mutate { state, batch in
            guard var record = state.connector(name, kind: kind) else {
                throw TideError.undefinedConnector(name, kind: kind)
            }
            guard record.running != running else { return record }
            record.running = running
            batch.put(CatalogKey.connector(record.name).bytes, try CatalogCoding.encode(record))
            state.connectors[record.name] = record
            return record
        }
    }

    /// Drops connector `name` of `kind` and returns its record. Returns nil if it does not
    /// exist and `ifExists` is set; throws `42704` otherwise.
    @discardableResult
    public func dropConnector(_ name: String, kind: ConnectorRecord.Kind, ifExists: Bool = false) throws
        -> ConnectorRecord?
    {
        try mutate { state, batch in
            guard let record = state.connector(name, kind: kind) else {
                if ifExists { return nil }
                throw TideError.undefinedConnector(name, kind: kind)
            }
            batch.delete(CatalogKey.connector(record.name).bytes)
            state.connectors[record.name] = nil
            return record
        }
    }
}
