import TideCore

/// TideDB's window order, the one both engines sort a partition by (SEMANTICS.md, TideDB
/// decision 1): by order value, a NULL order key first; among equal order values, union
/// rows before main-table rows (later union sources first), and within one source in
/// arrival order. The current row is the newest of its order value; a request row comes
/// after every stored row.
public struct WindowOrder: Sendable, Hashable, Comparable {
    /// The ORDER BY value (`orderValue(_:)`).
    public var order: Int64
    /// 0 for the main table (and the request row), j for union source j.
    public var source: Int
    /// Arrival order within the source (ingestion seq, or position in the scanned relation).
    public var seq: UInt64

    public init(order: Int64, source: Int, seq: UInt64) {
        self.order = order
        self.source = source
        self.seq = seq
    }

    /// The order value of an ORDER BY result: integers and timestamps as they are, NULL first.
    public static func orderValue(_ value: Value) -> Int64 { value.int64Value ?? Int64.min }

    public static func < (a: WindowOrder, b: WindowOrder) -> Bool {
        if a.order != b.order { return a.order < b.order }
        let ra = a.source == 0 ? 0 : -a.source
        let rb = b.source == 0 ? 0 : -b.source
        if ra != rb { return ra < rb }
        return a.seq < b.seq
    }
}
