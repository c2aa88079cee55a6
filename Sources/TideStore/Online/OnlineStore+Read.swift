import Synchronization
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
    ///
    /// A long read (no limit, a TS range whose rows, by this index's recent reads, number
    /// `ReadDensity.splitRows` or more) is read in two halves of its TS range at once when a
    /// helper thread is idle and the process runs fewer other index reads than it has helpers
    /// (`ReadHelpers.reading`): the older half there, the newer one here, both in one RocksDB snapshot,
    /// so that the rows are those one read would give.
    public func columns(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        wanted: [Bool], visibleBelow: UInt64? = nil
    ) throws -> IndexColumns {
        try readHelpers.reading { maySplit in
            try columns(
                tableID: tableID, table: table, index: name, key: key, from: from, to: to, limit: limit,
                wanted: wanted, visibleBelow: visibleBelow, maySplit: maySplit)
        }
    }

    private func columns(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        wanted: [Bool], visibleBelow: UInt64?, maySplit: Bool
    ) throws -> IndexColumns {
        let scan = try IndexScan(self, tableID: tableID, table: table, index: name, key: key)
        let density = ReadDensity.Key(tableID: tableID, index: scan.layout.definition.name)
        guard limit == nil, let from, let to, to > from else {
            return try scan.columns(from: from, to: to, limit: limit, wanted: wanted, visibleBelow: visibleBelow)
        }
        if maySplit, !scan.rule.needsRank, readDensity.isLong(density, span: to - from) {
            let middle = from + (to - from) / 2
            let snapshot = try RocksSnapshot(database)
            let older = ReadOutcome()
            if let started = readHelpers.start({
                older.set(
                    Result {
                        try scan.columns(
                            from: from, to: middle, limit: nil, wanted: wanted, visibleBelow: visibleBelow,
                            snapshot: snapshot)
                    })
            }) {
                let newer = Result {
                    try scan.columns(
                        from: middle + 1, to: to, limit: nil, wanted: wanted, visibleBelow: visibleBelow,
                        snapshot: snapshot)
                }
                started.wait()
                splitReads.add(1, ordering: .relaxed)
                let columns = try newer.get().followed(by: try older.get())
                readDensity.record(density, rows: columns.count, span: to - from)
                return columns
            }
        }
        let columns = try scan.columns(from: from, to: to, limit: nil, wanted: wanted, visibleBelow: visibleBelow)
        readDensity.record(density, rows: columns.count, span: to - from)
        return columns
    }

    /// Calls `take` with the iterator on each entry `rows(tableID:...)` returns, in its order.
    private func scan(
        tableID: UInt32, table: TableDef, index name: String, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        visibleBelow: UInt64?, take: (RocksIterator, Int64, UInt64) throws -> Void
    ) throws {
        try IndexScan(self, tableID: tableID, table: table, index: name, key: key).run(
            from: from, to: to, limit: limit, visibleBelow: visibleBelow, take: take)
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
}
