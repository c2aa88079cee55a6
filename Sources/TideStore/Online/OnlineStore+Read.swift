import TideCore

/// Index reads for the request engine: one prefix seek and a bounded forward scan.
extension OnlineStore {
    /// `IndexReader`: the rows of `table` (resolved to its id by the `tableIDs` closure given
    /// to `init`); see `rows(tableID:table:index:key:from:to:limit:)`.
    /// - Throws: `42P01` if the table cannot be resolved, and what the other overload throws.
    public func rows(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?
    ) throws -> [StoredRow] {
        guard let tableID = tableIDs(table) else { throw TideError.onlineUnknownTable(table) }
        return try rows(tableID: tableID, table: table, index: index, key: key, from: from, to: to, limit: limit)
    }

    /// `IndexReader`: every live row of `table`, in seq order; see `OnlineTableSource`.
    public func allRows(table: TableDef) throws -> [StoredRow] {
        guard let tableID = tableIDs(table) else { throw TideError.onlineUnknownTable(table) }
        return try source(for: table, tableID: tableID).storedRows()
    }

    /// Every row `index` of `table` holds that its TTL keeps now, with its seq, in the
    /// index's order: what reads through the index can find (the rows long-window tiles
    /// are built from). A row whose entry in this index the TTL sweep removed is not there,
    /// even while the row log keeps it for another index.
    public func indexRows(table: TableDef, tableID: UInt32, index name: String) throws -> [StoredRow] {
        let layout = try IndexLayout(Self.index(named: name, in: table), table: table, tableID: tableID)
        let rule = ExpiryRule(layout.definition.ttl, hasTS: layout.tsPosition != nil, now: clock())
        let codec = RowCodec(table)
        var rows: [StoredRow] = []
        try database.walkIndex(prefix: layout.prefix) { iterator, ts, seq, rank in
            guard !rule.isExpired(ts: ts, rank: rank) else { return }
            rows.append(StoredRow(values: try iterator.withValueBytes { try codec.decode($0) }, seq: seq))
        }
        return rows
    }

    /// The rows of `index` whose key columns equal `key` (in the index's key column order),
    /// with index TS in `[from, to]` (nil: unbounded), newest first (TS descending, then seq
    /// descending), at most `limit` (nil: all), without the rows the index's TTL expired.
    ///
    /// The latest-count rank of a row counts every row of its key, including rows newer than
    /// `to`: with a latest component the scan starts at the key's newest entry and counts;
    /// without one it seeks straight to `to`. It stops at the first row older than `from`,
    /// the first expired row (every older one is expired too) or after `limit` rows.
    ///
    /// With `visibleBelow`, rows of seq `visibleBelow` or later are not there at all (nor
    /// counted for the latest TTL): the index as it was before that row arrived.
    /// - Throws: `42704` for an unknown index, `42804` for a key of the wrong arity or type,
    ///   `XX001` for a corrupted entry, `58030` if RocksDB fails.
    public func rows(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        visibleBelow: UInt64? = nil
    ) throws -> [StoredRow] {
        let codec = RowCodec(table)
        var result: [StoredRow] = []
        if let limit { result.reserveCapacity(min(max(limit, 0), 1024)) }
        try scan(
            tableID: tableID, table: table, index: name, key: key, from: from, to: to, limit: limit,
            visibleBelow: visibleBelow
        ) { iterator, _, seq in
            result.append(StoredRow(values: try iterator.withValueBytes { try codec.decode($0) }, seq: seq))
        }
        return result
    }

    /// `IndexReader`: the rows `rows(...)` reads, with only the `wanted` columns decoded.
    public func columns(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, wanted: [Bool]
    ) throws -> IndexColumns {
        guard let tableID = tableIDs(table) else { throw TideError.onlineUnknownTable(table) }
        return try columns(
            tableID: tableID, table: table, index: index, key: key, from: from, to: to, limit: limit, wanted: wanted)
    }

    /// The rows `rows(tableID:...)` reads, column by column, with only the `wanted` columns
    /// decoded (`RowColumnDecoder`).
    public func columns(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        wanted: [Bool], visibleBelow: UInt64? = nil
    ) throws -> IndexColumns {
        // Room for a typical window's rows up front (memory is only reserved, not touched):
        // growing moves every decoded row again.
        var decoder = RowColumnDecoder(table, wanted: wanted, expectedRows: min(max(limit ?? 1024, 1), 1024))
        try scan(
            tableID: tableID, table: table, index: name, key: key, from: from, to: to, limit: limit,
            visibleBelow: visibleBelow
        ) { iterator, ts, seq in
            try iterator.withValueBytes { try decoder.append($0, ts: ts, seq: seq) }
        }
        return decoder.columns
    }

    /// Calls `take` with the iterator on each entry `rows(tableID:...)` returns, in its order.
    private func scan(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        visibleBelow: UInt64?, take: (RocksIterator, Int64, UInt64) throws -> Void
    ) throws {
        let layout = try IndexLayout(Self.index(named: name, in: table), table: table, tableID: tableID)
        let prefix = try layout.keyPrefix(key)
        if let limit, limit <= 0 { return }
        if let from, let to, from > to { return }
        let rule = ExpiryRule(layout.definition.ttl, hasTS: layout.tsPosition != nil, now: clock())
        let iterator = try database.makeIterator(withinPrefix: prefix)
        var taken = 0
        var rank: Int64 = 0
        var seekedToUpperBound = false
        if let to, !rule.needsRank {
            iterator.seek(to: Self.seekTarget(prefix, ts: to), within: prefix)
            seekedToUpperBound = true
        } else {
            iterator.seek(prefix: prefix)
        }
        while iterator.isValid {
            let (ts, seq) = try iterator.withKeyBytes { try IndexKey.decodeSuffix($0) }
            if let visibleBelow, seq >= visibleBelow {
                iterator.next()
                continue
            }
            rank += 1
            if let to, ts > to {
                // Newer than the range: count it while the latest rank still matters, then
                // jump to the first entry with TS ≤ to (its rank is then beyond L anyway).
                if seekedToUpperBound || rule.latestCount.map({ rank < $0 }) == true {
                    iterator.next()
                    continue
                }
                iterator.seek(to: Self.seekTarget(prefix, ts: to), within: prefix)
                seekedToUpperBound = true
                continue
            }
            if let from, ts < from { break }
            if rule.isExpired(ts: ts, rank: rank) { break }
            try take(iterator, ts, seq)
            taken += 1
            if let limit, taken >= limit { break }
            iterator.next()
        }
        try iterator.checkError()
    }

    /// The index `name` of `table`: the exact name, else the one equal ignoring case.
    /// - Throws: `42704` if there is none.
    static func index(named name: String, in table: TableDef) throws -> IndexDef {
        if let exact = table.indexes.first(where: { $0.name == name }) { return exact }
        let lower = name.lowercased()
        guard let match = table.indexes.first(where: { $0.name.lowercased() == lower }) else {
            throw TideError.onlineUnknownIndex(table: table, index: name)
        }
        return match
    }

    /// The key of the first possible entry of `prefix`'s key with TS ≤ `ts`.
    private static func seekTarget(_ prefix: [UInt8], ts: Int64) -> [UInt8] {
        var target = prefix
        target.appendBigEndian(IndexKey.invertedTS(ts))
        return target
    }
}
