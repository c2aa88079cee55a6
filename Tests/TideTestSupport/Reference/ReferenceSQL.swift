import TideCore

/// SQL text for TideDB from a reference case: CREATE TABLE with the indexes request mode
/// needs (§3.11: KEY = the PARTITION BY columns, TS = the ORDER BY column, on the main table
/// and on every union source; KEY = the join column, TS = the ORDER BY column on `p`),
/// INSERT statements, and the query.
public enum ReferenceSQL {
    /// CREATE TABLE statements for `t`, `u1`, `u2` and `p`.
    public static let createTables: [String] = {
        let indexes = "INDEX(KEY=k, TS=ts), INDEX(KEY=g, TS=ts), INDEX(KEY=(k, g), TS=ts)"
        let events = ReferenceSchema.eventColumns.joined(separator: ", ")
        return (["t"] + ReferenceSchema.unionNames).map { "CREATE TABLE \($0) (\(events), \(indexes))" }
            + ["CREATE TABLE p (\(ReferenceSchema.rightColumns.joined(separator: ", ")), INDEX(KEY=k, TS=ts))"]
    }()

    /// The tables `createTables` creates.
    public static let tableNames = ["t"] + ReferenceSchema.unionNames + ["p"]

    /// `INSERT INTO table VALUES (...), ...` in row order, or nil for no rows.
    public static func insert(_ rows: [[Value]], into table: String) -> String? {
        guard !rows.isEmpty else { return nil }
        return "INSERT INTO \(table) VALUES " + rows.map(tuple).joined(separator: ", ")
    }

    /// `(v1, v2, ...)` as SQL literals.
    public static func tuple(_ row: [Value]) -> String {
        "(" + row.map(literal).joined(separator: ", ") + ")"
    }

    /// A SQL literal for the values the generator makes (timestamps as integer ms).
    public static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .string(let s): return "'\(s)'"
        case .double(let x): return "\(x)"
        case .timestamp(let ms): return "\(ms)"
        case .int32(let i): return "\(i)"
        case .bool, .int16, .int64, .float, .date, .array, .map: return "\(value)"
        }
    }

    /// The query's SQL text.
    public static func query(_ query: ReferenceQuery) -> String {
        var select = ["t.id"] + query.aggregates.enumerated().map { "\(aggregate($1)) OVER w\($1.window) AS a\($0)" }
        if query.lastJoin != nil { select += ["p.pid", "p.level"] }
        var sql = "SELECT " + select.joined(separator: ", ") + " FROM t"
        if let join = query.lastJoin {
            sql += " LAST JOIN p ORDER BY p.ts ON t.k = p.k" + (join.residual ? " AND p.ts <= t.ts" : "")
        }
        if let filter = query.filter {
            sql += " WHERE " + (filter.orNull ? "t.v IS NULL OR " : "") + "t.v > \(filter.threshold)"
        }
        if !query.windows.isEmpty {
            sql += " WINDOW " + query.windows.enumerated().map { "w\($0) AS (\(window($1)))" }.joined(separator: ", ")
        }
        return sql
    }

    static func aggregate(_ aggregate: ReferenceAggregate) -> String {
        let x = aggregate.column.rawValue
        switch aggregate.function {
        case .sum: return "sum(\(x))"
        case .count: return "count(\(x))"
        case .min: return "min(\(x))"
        case .max: return "max(\(x))"
        case .avg: return "avg(\(x))"
        case .firstValue: return "first_value(\(x))"
        case .lastValue: return "last_value(\(x))"
        case .distinctCount: return "distinct_count(\(x))"
        case .lag(let n): return "lag(\(x), \(n))"
        case .countWhere(let c): return "count_where(\(x), \(x) > \(c))"
        case .sumWhere(let c): return "sum_where(\(x), \(x) > \(c))"
        }
    }

    static func window(_ window: ReferenceWindow) -> String {
        var parts: [String] = []
        if window.unionCount > 0 {
            parts.append("UNION " + ReferenceSchema.unionNames.prefix(window.unionCount).joined(separator: ", "))
        }
        let partition = window.partitionBy.map { "t." + ReferenceSchema.eventName($0) }
        parts.append("PARTITION BY " + partition.joined(separator: ", "))
        parts.append("ORDER BY t.ts")
        parts.append("\(window.unit.rawValue) BETWEEN \(bound(window.start)) AND \(bound(window.end))")
        if let maxSize = window.maxSize { parts.append("MAXSIZE \(maxSize)") }
        if window.excludeCurrentRow { parts.append("EXCLUDE CURRENT_ROW") }
        if window.excludeCurrentTime { parts.append("EXCLUDE CURRENT_TIME") }
        if window.instanceNotInWindow { parts.append("INSTANCE_NOT_IN_WINDOW") }
        return parts.joined(separator: " ")
    }

    static func bound(_ bound: ReferenceBound) -> String {
        switch bound {
        case .unboundedPreceding: return "UNBOUNDED PRECEDING"
        case .currentRow: return "CURRENT ROW"
        case .preceding(let n, let unit, let open):
            return "\(n)\(unit.rawValue) " + (open ? "OPEN PRECEDING" : "PRECEDING")
        }
    }
}
