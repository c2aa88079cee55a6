import Synchronization
import TideCore

/// The online store: the rows of online tables in the data directory's RocksDB instance,
/// indexed for the request engine (`IndexReader`) and scanned for online preview
/// (`source(for:tableID:)`).
///
/// **Key spaces** (first byte): `0x02` index entries (`IndexKey`), `0x03` the row log and
/// `0x04` per-table sequence counters (`OnlineKeySpace`). The catalog owns `0x01`.
///
/// **Writes.** `insert` gives each row the next number of its table's persistent sequence
/// and writes the row-log entry, one entry per index and the new counter in **one**
/// `RocksWriteBatch` with `sync: true`: a multi-row insert is atomic (readers and crash
/// recovery see all of its rows or none), and when `insert` returns its rows survive
/// `kill -9` and power loss. Writers (insert, delete, truncate, drop, backfill) are
/// serialized by a `Mutex`, which also caches the counters; readers take no lock and read
/// a RocksDB snapshot.
///
/// **Indexes without a TS column** order by insertion: their entries carry ts = 0, so seq
/// (descending) alone orders a key's rows, `from`/`to` compare with 0, and absolute TTL never
/// expires them (`ExpiryRule`). A NULL in an index's TS column is rejected (`23502`), as
/// OpenMLDB rejects a row without its index time.
///
/// **TTL** is applied on every read (`rows`, online preview) and reclaimed by `sweep`.
public final class OnlineStore: IndexReader, Sendable {
    /// The RocksDB instance holding the online key spaces.
    public let database: RocksDatabase
    /// Milliseconds since the Unix epoch; drives absolute TTL.
    public let clock: @Sendable () -> Int64
    /// Maps a table to its id for `IndexReader.rows`, which names tables by definition.
    let tableIDs: @Sendable (TableDef) -> UInt32?
    /// The writer lock, and the last seq handed out per table (loaded on first use).
    let writer = Mutex<[UInt32: UInt64]>([:])
    /// Keeps long-window tiles in step with writes (`OnlineStore+Tiles`).
    let maintainer = Mutex<(any OnlineTileMaintainer)?>(nil)
    /// Rows per millisecond of recent reads, per index: which reads to split (`columns`).
    let readDensity = ReadDensity()
    /// The threads that take part of a long read (`columns`).
    let readHelpers: ReadHelpers
    /// Reads split across a helper thread so far.
    let splitReads = Atomic<Int>(0)

    /// How many reads were split across a helper thread so far (`columns`).
    public var splitReadCount: Int { splitReads.load(ordering: .relaxed) }

    /// A store over `database`. `clock` drives absolute TTL (tests pass a controllable one);
    /// `tableIDs` resolves a table definition to its catalog id for `IndexReader.rows`, e.g.
    /// `{ catalog.tableRecord(database: $0.database, name: $0.name)?.id }`.
    public convenience init(
        database: RocksDatabase,
        clock: @escaping @Sendable () -> Int64 = PersistentCatalog.systemClock,
        tableIDs: @escaping @Sendable (TableDef) -> UInt32? = { _ in nil }
    ) {
        self.init(database: database, clock: clock, tableIDs: tableIDs, readHelpers: .shared)
    }

    /// A store whose long reads take helpers from `readHelpers`.
    init(
        database: RocksDatabase, clock: @escaping @Sendable () -> Int64,
        tableIDs: @escaping @Sendable (TableDef) -> UInt32?, readHelpers: ReadHelpers
    ) {
        self.database = database
        self.clock = clock
        self.tableIDs = tableIDs
        self.readHelpers = readHelpers
    }

    /// Stores `rows` (each with one value per column of `table`, of the column's type) and
    /// returns their seq numbers, consecutive and in order. All rows or none are stored.
    ///
    /// With `ignoringDuplicates` (INSERT OR IGNORE) a row is skipped when an identical row
    /// (every column equal) is already stored, live, under the table's first index key and
    /// TS, or came earlier in the same call; only the stored rows get seqs.
    /// - Throws: `42804` for a row of the wrong width or a value of the wrong type, `23502`
    ///   for a NULL in a NOT NULL or index TS column, `58030` if RocksDB fails. Nothing is
    ///   written then.
    @discardableResult
    public func insert(_ rows: [[Value]], into table: TableDef, tableID: UInt32, ignoringDuplicates: Bool = false)
        throws -> [UInt64]
    {
        guard !rows.isEmpty else { return [] }
        let encoder = try OnlineRowEncoder(table: table, tableID: tableID)
        var prepared = encoder.makeBatch(reservingRows: rows.count)
        for row in rows { try encoder.append(row, to: &prepared) }
        guard ignoringDuplicates else { return try insert(prepared, tableID: tableID) }
        return try writer.withLock { counters in
            let kept = try newRows(rows, table: table, tableID: tableID, layouts: encoder.layouts)
            var new = encoder.makeBatch(reservingRows: kept.count)
            for position in kept { try encoder.append(rows[position], to: &new) }
            return try commit(new, tableID: tableID, counters: &counters, also: [], sync: true)
        }
    }

    /// Stores a batch of rows checked and encoded by an `OnlineRowEncoder` of the table's
    /// current definition, and writes `also` (for example a Kafka source's partition
    /// positions) in the same `RocksWriteBatch`: the rows and those entries are stored together
    /// or not at all. Returns the rows' seqs. With `sync: false` the write reaches the WAL but
    /// is not fsynced: it survives a killed process, and after a power loss the rows and
    /// `also` are lost together. Index entries put in key order beforehand
    /// (`PreparedOnlineBatch.putEntriesInKeyOrder()`, on the caller's thread) are not sorted
    /// again under the writer lock. With `markIngested`, the batch's seq range is recorded as
    /// stored by a Kafka source (in the same write): a sink publishes those rows and no others
    /// (`ingestedRanges`).
    /// - Throws: `58030` if RocksDB fails; nothing is written then.
    @discardableResult
    public func insert(
        _ batch: PreparedOnlineBatch, tableID: UInt32, also: [(key: [UInt8], value: [UInt8])] = [], sync: Bool = true,
        markIngested: Bool = false
    ) throws -> [UInt64] {
        guard !batch.isEmpty || !also.isEmpty else { return [] }
        return try writer.withLock { counters in
            try commit(batch, tableID: tableID, counters: &counters, also: also, sync: sync, markIngested: markIngested)
        }
    }

    /// Writes the batch's rows with the next seqs and `also` in one RocksDB write. Called
    /// with the writer lock held.
    func commit(
        _ prepared: PreparedOnlineBatch, tableID: UInt32, counters: inout [UInt32: UInt64],
        also: [(key: [UInt8], value: [UInt8])], sync: Bool, markIngested: Bool = false
    ) throws -> [UInt64] {
        let count = prepared.count
        guard count > 0 || !also.isEmpty else { return [] }
        let last = try counters[tableID] ?? loadCounter(tableID: tableID)
        let batch = try RocksWriteBatch()
        // In key order, each memtable insert starts next to the previous one (RocksDB keeps
        // the last insert position) instead of searching the skip list from the top: a large
        // batch of rows with scattered keys is written much faster.
        let order = prepared.entryOrder
        var key: [UInt8] = []
        key.reserveCapacity(128)
        prepared.bytes.withUnsafeBufferPointer { arena in
            func slice(_ range: PreparedOnlineBatch.ByteRange) -> UnsafeBufferPointer<UInt8> {
                UnsafeBufferPointer(rebasing: arena[range.start..<range.start + range.count])
            }
            for (offset, row) in prepared.encodedRows.enumerated() {
                key.removeAll(keepingCapacity: true)
                OnlineKeySpace.appendRowLogKey(tableID: tableID, seq: last + UInt64(offset) + 1, to: &key)
                key.withUnsafeBufferPointer { batch.put($0, slice(row)) }
            }
            for reference in order {
                let entry = prepared.entry(reference)
                key.removeAll(keepingCapacity: true)
                key.append(contentsOf: slice(entry.key))
                IndexKey.appendSuffix(ts: entry.ts, seq: last + UInt64(reference.row) + 1, to: &key)
                key.withUnsafeBufferPointer { batch.put($0, slice(prepared.encodedRows[Int(reference.row)])) }
            }
        }
        let seqs = (0..<UInt64(count)).map { last + $0 + 1 }
        let next = last + UInt64(count)
        if count > 0 {
            var counter: [UInt8] = []
            counter.appendBigEndian(next)
            batch.put(OnlineKeySpace.sequenceKey(tableID: tableID), counter)
        }
        if markIngested, let first = seqs.first, let lastSeq = seqs.last {
            var value: [UInt8] = []
            value.appendBigEndian(first)
            batch.put(OnlineKeySpace.ingestMarkKey(tableID: tableID, lastSeq: lastSeq), value)
        }
        for entry in also { batch.put(entry.key, entry.value) }
        var tiled: (any OnlineTileMaintainer)? = nil
        if let maintainer = tileMaintainer, maintainer.maintains(tableID: tableID), count > 0 {
            tiled = maintainer
            do {
                let stored = prepared.values
                for (key, value) in try maintainer.tiles(
                    forStored: stored, firstSeq: last + 1, tableID: tableID, store: self)
                {
                    if let value { batch.put(key, value) } else { batch.delete(key) }
                }
            } catch {
                maintainer.writeFailed(tableID: tableID)
                throw error
            }
        }
        do {
            try database.write(batch, sync: sync)
        } catch {
            tiled?.writeFailed(tableID: tableID)
            throw error
        }
        counters[tableID] = next
        return seqs
    }

    /// The positions of the rows of `rows` that are neither stored already (under the first
    /// index's key and TS) nor repeated earlier in `rows`. Called with the writer lock held.
    private func newRows(_ rows: [[Value]], table: TableDef, tableID: UInt32, layouts: [IndexLayout]) throws -> [Int] {
        guard let first = layouts.first else { return Array(rows.indices) }
        var seen = Set<[Value]>()
        var kept: [Int] = []
        for (index, row) in rows.enumerated() where seen.insert(row).inserted {
            let ts = first.tsPosition.flatMap { row[$0].int64Value }
            let stored = try self.rows(
                tableID: tableID, table: table, index: first.definition.name, key: first.keyPositions.map { row[$0] },
                from: ts, to: ts, limit: nil)
            if !stored.contains(where: { $0.values == row }) { kept.append(index) }
        }
        return kept
    }

    /// The last seq handed out for `tableID` (0 before the first insert), read from disk.
    /// - Throws: `XX001` if the stored counter is malformed.
    func loadCounter(tableID: UInt32) throws -> UInt64 {
        guard let bytes = try database.get(OnlineKeySpace.sequenceKey(tableID: tableID)) else { return 0 }
        guard bytes.count == 8 else { throw TideError.onlineEntryCorrupted("sequence counter of \(bytes.count) bytes") }
        return bytes.span.loadBigEndian(at: 0, as: UInt64.self)
    }

    /// The last seq handed out for `tableID` (0 before the first insert).
    public func lastSeq(tableID: UInt32) throws -> UInt64 {
        try writer.withLock { counters in
            if let cached = counters[tableID] { return cached }
            let loaded = try loadCounter(tableID: tableID)
            counters[tableID] = loaded
            return loaded
        }
    }
}
