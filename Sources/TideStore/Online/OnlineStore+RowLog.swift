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

    /// The seq ranges within `seqs` that Kafka sources stored (`insert(…, markIngested: true)`),
    /// in order: rows outside them came from INSERT or LOAD DATA.
    /// - Throws: `XX001` for a corrupted mark, `58030` if RocksDB fails.
    public func ingestedRanges(tableID: UInt32, within seqs: ClosedRange<UInt64>) throws -> [ClosedRange<UInt64>] {
        let prefix = OnlineKeySpace.ingestMarkPrefix(tableID: tableID)
        let iterator = try database.makeIterator()
        iterator.seek(to: OnlineKeySpace.ingestMarkKey(tableID: tableID, lastSeq: seqs.lowerBound), within: prefix)
        var ranges: [ClosedRange<UInt64>] = []
        while iterator.isValid {
            let (first, last) = try iterator.withKeyBytes { key in
                try iterator.withValueBytes { value in
                    guard key.count == 13, value.count == 8 else {
                        throw TideError.onlineEntryCorrupted("ingest mark of \(key.count) + \(value.count) bytes")
                    }
                    return (value.loadBigEndian(at: 0, as: UInt64.self), key.loadBigEndian(at: 5, as: UInt64.self))
                }
            }
            guard first <= seqs.upperBound else { break }
            if first <= last { ranges.append(max(first, seqs.lowerBound)...min(last, seqs.upperBound)) }
            iterator.next()
        }
        try iterator.checkError()
        return ranges
    }
}
