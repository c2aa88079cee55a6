/// Read access to the online store's indexes, for the request engine: the stored rows of one
/// index key, newest first, with their ingestion sequence numbers. TideStore implements it;
/// engine tests use in-memory readers.
public protocol IndexReader: Sendable {
    /// Rows of `table` whose `index` key columns equal `key` (in the index's key column order),
    /// with index TS in `[from, to]` (nil: unbounded), newest first (TS descending, then seq
    /// descending), at most `limit` rows (nil: all), after TTL filtering.
    func rows(table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?) throws
        -> [StoredRow]

    /// `rows(...)` held column by column, with only the `wanted` columns (by position) decoded.
    func columns(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, wanted: [Bool]
    ) throws -> IndexColumns

    /// Every live row of `table` in seq order (TTL of the table's first index, as online
    /// preview): ad-hoc requests whose window or LAST JOIN no index serves scan it.
    func allRows(table: TableDef) throws -> [StoredRow]
}

/// A stored row and its ingestion sequence number (ties on TS are broken by `seq`).
public struct StoredRow: Sendable, Hashable {
    public var values: [Value]
    public var seq: UInt64

    public init(values: [Value], seq: UInt64) {
        self.values = values
        self.seq = seq
    }
}

extension StoredRow {
    /// What an index read returns, computed over rows held in memory: the rows whose
    /// `keyPositions` values equal `key` and whose TS (at `tsPosition`; 0 without one) lies in
    /// `[from, to]`, newest first (TS descending, then seq descending), at most `limit`.
    public static func indexRead(
        _ rows: [StoredRow], keyPositions: [Int], key: [Value], tsPosition: Int?, from: Int64?, to: Int64?,
        limit: Int?
    ) -> [StoredRow] {
        func ts(_ row: StoredRow) -> Int64 { tsPosition.flatMap { row.values[$0].int64Value } ?? 0 }
        var matching = rows.filter { row in
            keyPositions.map { row.values[$0] } == key && (from.map { ts(row) >= $0 } ?? true)
                && (to.map { ts(row) <= $0 } ?? true)
        }
        matching.sort { ts($0) != ts($1) ? ts($0) > ts($1) : $0.seq > $1.seq }
        return limit.map { Array(matching.prefix($0)) } ?? matching
    }
}
