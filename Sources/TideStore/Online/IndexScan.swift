import Synchronization
import TideCore

/// One key of one index, resolved for reading: its layout, key prefix and TTL rule (the TTL's
/// "now" taken once), so that a read split in parts applies one rule to all of them.
struct IndexScan: Sendable {
    let store: OnlineStore
    let table: TableDef
    let layout: IndexLayout
    let prefix: [UInt8]
    let rule: ExpiryRule

    /// - Throws: `42704` for an unknown index, `42804` for a key of the wrong arity or type.
    init(_ store: OnlineStore, tableID: UInt32, table: TableDef, index name: String, key: [Value]) throws {
        self.store = store
        self.table = table
        layout = try IndexLayout(OnlineStore.index(named: name, in: table), table: table, tableID: tableID)
        prefix = try layout.keyPrefix(key)
        rule = ExpiryRule(layout.definition.ttl, hasTS: layout.tsPosition != nil, now: store.clock())
    }

    /// The rows `run` visits, column by column, with only the `wanted` columns decoded.
    func columns(
        from: Int64?, to: Int64?, limit: Int?, wanted: [Bool], visibleBelow: UInt64?, snapshot: RocksSnapshot? = nil
    ) throws -> IndexColumns {
        // Room for a typical window's rows up front (memory is only reserved, not touched):
        // growing moves every decoded row again.
        var decoder = RowColumnDecoder(table, wanted: wanted, expectedRows: min(max(limit ?? 1024, 1), 1024))
        try run(from: from, to: to, limit: limit, visibleBelow: visibleBelow, snapshot: snapshot) { iterator, ts, seq in
            try iterator.withValueBytes { try decoder.append($0, ts: ts, seq: seq) }
        }
        return decoder.columns
    }

    /// Calls `take` with the iterator on each of the key's entries with TS in `[from, to]`
    /// (nil: unbounded), newest first (TS descending, then seq descending), at most `limit`,
    /// without the rows the TTL expired (see `OnlineStore.rows(tableID:...)`); in `snapshot`
    /// when one is given.
    func run(
        from: Int64?, to: Int64?, limit: Int?, visibleBelow: UInt64?, snapshot: RocksSnapshot? = nil,
        take: (RocksIterator, Int64, UInt64) throws -> Void
    ) throws {
        if let limit, limit <= 0 { return }
        if let from, let to, from > to { return }
        let iterator = try store.database.makeIterator(withinPrefix: prefix, snapshot: snapshot)
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

    /// The key of the first possible entry of `prefix`'s key with TS ≤ `ts`.
    private static func seekTarget(_ prefix: [UInt8], ts: Int64) -> [UInt8] {
        var target = prefix
        target.appendBigEndian(IndexKey.invertedTS(ts))
        return target
    }
}

/// How many rows an index's reads find per millisecond of TS range, recently (a moving
/// average per index): whether a read is long enough to split (`OnlineStore.columns`).
final class ReadDensity: Sendable {
    struct Key: Hashable, Sendable {
        var tableID: UInt32
        var index: String
    }

    /// Reads expected to find this many rows or more are split.
    static let splitRows = 512.0

    private let rowsPerMillisecond = Mutex<[Key: Double]>([:])

    /// Whether a read of `span` milliseconds of `key`'s index is expected to find
    /// `splitRows` rows or more (false for an index not read yet).
    func isLong(_ key: Key, span: Int64) -> Bool {
        guard let density = rowsPerMillisecond.withLock({ $0[key] }) else { return false }
        return density * Double(span) >= Self.splitRows
    }

    /// Counts a read of `span` milliseconds that found `rows` rows.
    func record(_ key: Key, rows: Int, span: Int64) {
        let density = Double(rows) / Double(max(1, span))
        rowsPerMillisecond.withLock { table in
            table[key] = table[key].map { 0.8 * $0 + 0.2 * density } ?? density
        }
    }
}

/// What a helper's part of a read gave, handed over once the helper is done
/// (`ReadHelpers.Started.wait()` orders the write before the read).
final class ReadOutcome: @unchecked Sendable {
    private var outcome: Result<IndexColumns, any Error> = .failure(TideError.internal("read part did not run"))

    func set(_ outcome: Result<IndexColumns, any Error>) {
        self.outcome = outcome
    }

    func get() throws -> IndexColumns {
        try outcome.get()
    }
}
