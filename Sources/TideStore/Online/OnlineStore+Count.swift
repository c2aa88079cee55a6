import TideCore

/// Read-only row counts of online tables (`SHOW TABLE STATUS`).
extension OnlineStore {
    /// The number of live rows of `table` (id `tableID`): the rows online preview and
    /// `SELECT count(*)` in online mode see (`OnlineTableSource`), without decoding them.
    ///
    /// A table without indexes, or whose first index's TTL can expire nothing, counts its
    /// row-log entries; otherwise the entries of the first index its TTL keeps (each row has
    /// exactly one entry per index). The count reads one snapshot, taken when it starts.
    /// - Throws: `42703` / `42804` for an index the table's columns cannot resolve, `XX001`
    ///   for a malformed key, `58030` if RocksDB fails.
    public func rowCount(table: TableDef, tableID: UInt32) throws -> Int64 {
        if let first = table.indexes.first {
            let layout = try IndexLayout(first, table: table, tableID: tableID)
            let rule = ExpiryRule(first.ttl, hasTS: layout.tsPosition != nil, now: clock())
            if !rule.keepsEverything {
                var live: Int64 = 0
                try database.walkIndex(prefix: layout.prefix) { _, ts, _, rank in
                    if !rule.isExpired(ts: ts, rank: rank) { live += 1 }
                }
                return live
            }
        }
        let rowLog = try database.makeIterator()
        rowLog.seek(prefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
        var count: Int64 = 0
        while rowLog.isValid {
            count += 1
            rowLog.next()
        }
        try rowLog.checkError()
        return count
    }
}
