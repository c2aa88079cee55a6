import TideCore

/// The fixed schemas of the reference tests. The main table `t` and the union sources `u1`,
/// `u2` share one schema (a union source has exactly the main table's schema, SEMANTICS.md
/// §3.6); `p` is the LAST JOIN right table.
public enum ReferenceSchema {
    /// Event columns (`t`, `u1`, `u2`): `id int, k string, g int, v int, d double, ts timestamp`.
    public static let eventColumns = ["id int", "k string", "g int", "v int", "d double", "ts timestamp"]
    public static let id = 0
    public static let k = 1
    public static let g = 2
    public static let v = 3
    public static let d = 4
    public static let ts = 5

    /// Right-table columns (`p`): `pid int, k string, level int, ts timestamp`.
    public static let rightColumns = ["pid int", "k string", "level int", "ts timestamp"]
    public static let pid = 0
    public static let rightKey = 1
    public static let level = 2
    public static let rightTs = 3

    /// The union source table names, in SQL order.
    public static let unionNames = ["u1", "u2"]

    /// The name of an event column by position.
    public static func eventName(_ column: Int) -> String {
        ["id", "k", "g", "v", "d", "ts"][column]
    }

    /// The ts of an event or right row (the generator never stores a NULL ts).
    static func time(_ row: [Value], column: Int) -> Int64 {
        row[column].int64Value ?? Int64.min
    }
}
