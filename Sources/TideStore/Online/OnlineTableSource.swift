import TideCore

/// The rows of one online table for the batch engine ("online preview"): every row of the
/// row log in seq (ingestion) order, without the rows the TTL of the table's **first**
/// index has expired (a table without indexes keeps every row). A row may be expired in one
/// index and live in another (SEMANTICS.md §3.10); preview follows the first index, as the
/// table's primary one, or `keptBy` when a window reads the table through its own index.
///
/// Each `scan` reads one snapshot of the row log, taken when the scan starts, and decodes
/// only the rows of the batch asked for.
public struct OnlineTableSource: TableSource {
    /// The table read.
    public let table: TableDef
    /// The table's id (its key spaces).
    public let tableID: UInt32
    let database: RocksDatabase
    let clock: @Sendable () -> Int64
    /// The index whose TTL decides which rows are read; nil: the first index.
    var keptBy: String? = nil
    /// Rows in OpenMLDB's tablet scan order (`TabletScanOrder`) instead of arrival order.
    var tabletOrder = false

    /// The rows in batches of up to `batchSize`: in arrival order, or with `tabletOrder` in
    /// the order OpenMLDB's tablet scans the index read (`TabletScanOrder`).
    /// - Throws: `XX001` for a corrupted entry (also from `next()`), `58030` if RocksDB fails.
    public func scan(batchSize: Int) throws -> any BatchIterator {
        guard tabletOrder, let index = readIndex else {
            var iterator = try makeIterator()
            iterator.batchSize = max(1, batchSize)
            return iterator
        }
        let layout = try IndexLayout(index, table: table, tableID: tableID)
        let rows = TabletScanOrder(keyPositions: layout.keyPositions).sorted(try storedRows())
        return try InMemoryTableSource(rows: rows.map(\.values), width: table.columns.count).scan(batchSize: batchSize)
    }

    /// The index whose rows are read: `keptBy`, else the first.
    private var readIndex: IndexDef? {
        keptBy.flatMap { name in table.indexes.first { $0.name == name } } ?? table.indexes.first
    }

    /// Every kept row with its seq, in seq order (for request-mode table scans).
    public func storedRows() throws -> [StoredRow] {
        var iterator = try makeIterator()
        var rows: [StoredRow] = []
        while let row = try iterator.nextRow() { rows.append(row) }
        return rows
    }

    private func makeIterator() throws -> Iterator {
        // The row log snapshot is taken first: every row in it is also in the index
        // snapshot taken next, unless it was deleted in between.
        let rowLog = try database.makeIterator()
        rowLog.seek(prefix: OnlineKeySpace.rowLogPrefix(tableID: tableID))
        return Iterator(rowLog: rowLog, codec: RowCodec(table), live: try liveSeqs())
    }

    /// The seqs the first index (or `keptBy`) keeps, or nil when every row is kept.
    private func liveSeqs() throws -> Set<UInt64>? {
        guard let first = readIndex else { return nil }
        let layout = try IndexLayout(first, table: table, tableID: tableID)
        let rule = ExpiryRule(first.ttl, hasTS: layout.tsPosition != nil, now: clock())
        guard !rule.keepsEverything else { return nil }
        var live = Set<UInt64>()
        try database.walkIndex(prefix: layout.prefix) { _, ts, seq, rank in
            if !rule.isExpired(ts: ts, rank: rank) { live.insert(seq) }
        }
        return live
    }

    struct Iterator: BatchIterator {
        let rowLog: RocksIterator
        let codec: RowCodec
        let live: Set<UInt64>?
        var batchSize = 1

        /// The next kept row of the row log, or nil at its end.
        mutating func nextRow() throws -> StoredRow? {
            while rowLog.isValid {
                let seq = try rowLog.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
                defer { rowLog.next() }
                if live?.contains(seq) ?? true {
                    return StoredRow(values: try rowLog.withValueBytes { try codec.decode($0) }, seq: seq)
                }
            }
            try rowLog.checkError()
            return nil
        }

        mutating func next() throws -> ColumnBatch? {
            var columns = Array(repeating: [Value](), count: codec.types.count)
            var count = 0
            while count < batchSize, let row = try nextRow() {
                for column in columns.indices { columns[column].append(row.values[column]) }
                count += 1
            }
            return count == 0 ? nil : ColumnBatch(columns: columns, count: count)
        }
    }
}

extension OnlineStore {
    /// The rows of `table` (id `tableID`) for online preview, in seq order; see
    /// `OnlineTableSource`.
    public func source(for table: TableDef, tableID: UInt32, keptBy index: String? = nil, tabletOrder: Bool = false)
        -> OnlineTableSource
    {
        OnlineTableSource(
            table: table, tableID: tableID, database: database, clock: clock, keptBy: index, tabletOrder: tabletOrder)
    }
}
