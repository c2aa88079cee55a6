import TideCore

/// Reading a table's row log in arrival order from a given seq on: what a Kafka sink follows.
extension OnlineStore {
    /// Up to `limit` rows of table `tableID` with seq greater than `seq`, in seq order
    /// (rows deleted since are included: the log records what arrived).
    /// - Throws: `XX001` for a corrupted entry, `58030` if RocksDB fails.
    public func rowLog(tableID: UInt32, table: TableDef, after seq: UInt64, limit: Int) throws -> [StoredRow] {
        let prefix = OnlineKeySpace.rowLogPrefix(tableID: tableID)
        let codec = RowCodec(table)
        let iterator = try database.makeIterator()
        iterator.seek(to: OnlineKeySpace.rowLogKey(tableID: tableID, seq: seq &+ 1), within: prefix)
        var rows: [StoredRow] = []
        while iterator.isValid, rows.count < limit {
            let rowSeq = try iterator.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
            if rowSeq > seq {
                rows.append(StoredRow(values: try iterator.withValueBytes { try codec.decode($0) }, seq: rowSeq))
            }
            iterator.next()
        }
        try iterator.checkError()
        return rows
    }
}
