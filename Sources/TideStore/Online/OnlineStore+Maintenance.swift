import Synchronization
import TideCore

/// Writes besides `insert`: `DELETE`, `TRUNCATE`, `DROP TABLE`, `DROP INDEX` and the backfill
/// of a new index. Each holds the writer lock, so none interleaves with an insert.
extension OnlineStore {
    /// Removes the rows of `table` for which `predicate` is true, with all their index
    /// entries, in one synced batch, and returns how many. Rows the sweep already reclaimed
    /// are not seen.
    /// - Throws: `XX001` for a corrupted row, `58030` if RocksDB fails, or what `predicate`
    ///   throws; nothing is deleted then.
    @discardableResult
    public func delete(table: TableDef, tableID: UInt32, where predicate: ([Value]) throws -> Bool) throws -> Int {
        let codec = RowCodec(table)
        let layouts = try IndexLayout.all(of: table, tableID: tableID)
        return try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            var deleted = 0
            var removed: [StoredRow] = []
            let iterator = try database.makeIterator()
            iterator.seek(prefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
            while iterator.isValid {
                let seq = try iterator.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
                let row = try iterator.withValueBytes { try codec.decode($0) }
                if try predicate(row) {
                    batch.delete(OnlineKeySpace.rowLogKey(tableID: tableID, seq: seq))
                    for layout in layouts { batch.delete(try layout.entryKey(row, seq: seq)) }
                    deleted += 1
                    removed.append(StoredRow(values: row, seq: seq))
                }
                iterator.next()
            }
            try iterator.checkError()
            if let maintainer = tileMaintainer, maintainer.maintains(tableID: tableID), !removed.isEmpty {
                do {
                    for (key, value) in try maintainer.tiles(forRemoved: removed, tableID: tableID, store: self) {
                        if let value { batch.put(key, value) } else { batch.delete(key) }
                    }
                    try database.write(batch, sync: true)
                } catch {
                    maintainer.writeFailed(tableID: tableID)
                    throw error
                }
                return deleted
            }
            if deleted > 0 { try database.write(batch, sync: true) }
            return deleted
        }
    }

    /// True when table `tableID` holds at least one row (expired ones included).
    public func hasRows(tableID: UInt32) throws -> Bool {
        try hasKeys(withPrefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
    }

    /// Whether any live key starts with `prefix`.
    private func hasKeys(withPrefix prefix: [UInt8]) throws -> Bool {
        let iterator = try database.makeIterator(withinPrefix: prefix)
        iterator.seek(prefix: prefix)
        let found = iterator.isValid
        try iterator.checkError()
        return found
    }

    /// Removes every row and index entry of table `tableID`; its sequence continues (a later
    /// insert never reuses a seq).
    public func truncate(tableID: UInt32) throws {
        try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            Self.deletePrefix(IndexKey.tablePrefix(tableID: tableID), in: batch)
            Self.deletePrefix(OnlineKeySpace.rowLogPrefix(tableID: tableID), in: batch)
            Self.deletePrefix(OnlineKeySpace.ingestMarkPrefix(tableID: tableID), in: batch)
            Self.deleteTiles(tableID: tableID, in: batch)
            try database.write(batch, sync: true)
            // The sets stay (the deployments do): rebuilt empty and ready.
            if let maintainer = tileMaintainer, maintainer.maintains(tableID: tableID) {
                try maintainer.rebuild(tableID: tableID, store: self)
            }
        }
    }

    /// Removes everything the store holds for table `tableID`, its sequence counter included.
    public func drop(tableID: UInt32) throws {
        try writer.withLock { counters in
            let batch = try RocksWriteBatch()
            Self.deletePrefix(IndexKey.tablePrefix(tableID: tableID), in: batch)
            Self.deletePrefix(OnlineKeySpace.rowLogPrefix(tableID: tableID), in: batch)
            Self.deletePrefix(OnlineKeySpace.ingestMarkPrefix(tableID: tableID), in: batch)
            Self.deleteTiles(tableID: tableID, in: batch)
            batch.delete(OnlineKeySpace.sequenceKey(tableID: tableID))
            try database.write(batch, sync: true)
            counters[tableID] = nil
        }
    }

    /// Removes every entry of index `indexName` of table `tableID` (`DROP INDEX`).
    public func dropIndex(named indexName: String, tableID: UInt32) throws {
        try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            Self.deletePrefix(IndexKey.indexPrefix(tableID: tableID, indexName: indexName), in: batch)
            try database.write(batch, sync: true)
        }
    }

    /// Builds the entries of `index` (new on `table`, or rebuilt) from the row log, for
    /// `CREATE INDEX` or `DEPLOY` on a table that has rows, and returns how many it wrote.
    /// Starts from an empty key range (what a killed earlier build left is removed first, by a
    /// range delete written only when there is something to remove),
    /// writes in chunks of `chunkSize` entries, the last one synced, then calls `register`
    /// (which records the index in the catalog) before any other write: the index becomes
    /// visible only complete, and no row inserted meanwhile can miss it, since the writer
    /// lock is held throughout. After a crash before `register`, the catalog has no such
    /// index and the next build starts over. Entries are written even if already expired:
    /// reads filter them and `sweep` reclaims them.
    /// - Throws: `42703`/`42804` if `index` does not fit `table`, `XX001` for a corrupted row,
    ///   `58030` if RocksDB fails.
    @discardableResult
    public func backfill(
        index: IndexDef, table: TableDef, tableID: UInt32, chunkSize: Int = 10_000,
        register: () throws -> Void = {}
    ) throws -> Int {
        let codec = RowCodec(table)
        let layout = try IndexLayout(index, table: table, tableID: tableID)
        return try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            // Only what a killed earlier build left needs a range delete: a range tombstone in
            // the memtable sends every later read of the database through RocksDB's merging
            // iterator (a heap and a tombstone check per key) until it is flushed and compacted.
            let prefix = IndexKey.indexPrefix(tableID: tableID, indexName: index.name)
            if try hasKeys(withPrefix: prefix) { Self.deletePrefix(prefix, in: batch) }
            var written = 0
            let iterator = try database.makeIterator()
            iterator.seek(prefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
            while iterator.isValid {
                let seq = try iterator.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
                let row = try iterator.withValueBytes { try codec.decode($0) }
                batch.put(try layout.entryKey(row, seq: seq), iterator.value)
                written += 1
                if batch.count >= max(1, chunkSize) {
                    try database.write(batch, sync: false)
                    batch.clear()
                }
                iterator.next()
            }
            try iterator.checkError()
            try database.write(batch, sync: true)
            try register()
            return written
        }
    }

    /// Adds a range delete of every key starting with `prefix` to `batch`.
    static func deletePrefix(_ prefix: [UInt8], in batch: RocksWriteBatch) {
        guard let end = OnlineKeySpace.prefixEnd(prefix) else {
            preconditionFailure("online prefixes start with a byte below 0xFF")
        }
        batch.deleteRange(from: prefix, to: end)
    }
}
