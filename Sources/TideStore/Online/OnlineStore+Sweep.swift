import Synchronization
import TideCore

/// Background TTL reclamation (OpenMLDB's GC): reads already hide expired rows; the sweep
/// frees their space.
extension OnlineStore {
    /// Deletes the index entries of `table` that their index's TTL has expired, and returns
    /// how many. When every index of the table can expire rows, it also deletes the row-log
    /// entries of rows that no index keeps any more (so online preview and `DELETE` no longer
    /// see them either).
    ///
    /// Runs beside inserts and reads without blocking them: it reads snapshots and deletes
    /// with unsynced batches of up to `chunkSize` deletes (a lost delete is redone by the next
    /// sweep). The row log is read from a snapshot taken before the index walks, so a row
    /// inserted meanwhile is never mistaken for an expired one; the row-log deletes are
    /// written under the writer lock. Memory: one seq per live row while the row log is
    /// reclaimed. Pass the table's current definition (a `CREATE INDEX` running at the same
    /// time is not seen).
    /// - Throws: `42703`/`42804` if an index does not fit `table`, `XX001` for a corrupted
    ///   key, `58030` if RocksDB fails.
    @discardableResult
    public func sweep(table: TableDef, tableID: UInt32, chunkSize: Int = 10_000) throws -> Int {
        let layouts = try IndexLayout.all(of: table, tableID: tableID)
        let now = clock()
        let rules = layouts.map { ExpiryRule($0.definition.ttl, hasTS: $0.tsPosition != nil, now: now) }
        guard rules.contains(where: { !$0.keepsEverything }) else { return 0 }
        let reclaimRowLog = rules.allSatisfy { !$0.keepsEverything }
        let rowLog = try database.makeIterator()
        let batch = try RocksWriteBatch()
        let limit = max(1, chunkSize)
        var live = Set<UInt64>()
        var removed = 0
        for (layout, rule) in zip(layouts, rules) where !rule.keepsEverything {
            try database.walkIndex(prefix: layout.prefix) { iterator, ts, seq, rank in
                guard rule.isExpired(ts: ts, rank: rank) else {
                    if reclaimRowLog { live.insert(seq) }
                    return
                }
                batch.delete(iterator.key)
                removed += 1
                if batch.count >= limit {
                    try database.write(batch, sync: false)
                    batch.clear()
                }
            }
        }
        try database.write(batch, sync: false)
        batch.clear()
        guard reclaimRowLog else { return removed }
        rowLog.seek(prefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
        while rowLog.isValid {
            let seq = try rowLog.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
            if !live.contains(seq) { batch.delete(rowLog.key) }
            rowLog.next()
        }
        try rowLog.checkError()
        try writer.withLock { _ in try database.write(batch, sync: false) }
        return removed
    }
}
