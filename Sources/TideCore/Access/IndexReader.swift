/// Read access to the online store's indexes, for the request engine: the stored rows of one
/// index key, newest first, with their ingestion sequence numbers. TideStore implements it;
/// engine tests use in-memory readers.
public protocol IndexReader: Sendable {
    /// Rows of `table` whose `index` key columns equal `key` (in the index's key column order),
    /// with index TS in `[from, to]` (nil: unbounded), newest first (TS descending, then seq
    /// descending), at most `limit` rows (nil: all), after TTL filtering.
    func rows(table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?) throws
        -> [StoredRow]

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
