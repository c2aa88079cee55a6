import TideCore

/// OpenMLDB's restrictions on the windows DEPLOY's `long_windows` option names, checked on the
/// bound plan (SEMANTICS.md §3.12): one table (no JOIN, LAST JOIN, UNION or WINDOW UNION),
/// only sum/avg/count/min/max and their `_where` forms over a long window, and a `_where`
/// condition `column op constant` on a column that is not a date or timestamp.
/// OpenMLDB's empty-table rule is not kept (TideDB reads existing rows), nor its documented
/// "time bucket only" for `_where` forms (its own cases deploy `count_where` over row buckets).
public enum LongWindowRules {
    public static let functions: Set<String> = [
        "sum", "avg", "count", "min", "max", "count_where", "sum_where", "avg_where", "min_where", "max_where",
        // TideDB additions to OpenMLDB's list: tiles keep each bucket's distinct values, and
        // per category the partials of the `_cate` forms.
        "distinct_count", "count_cate", "sum_cate", "avg_cate", "min_cate", "max_cate", "count_cate_where",
        "sum_cate_where", "avg_cate_where", "min_cate_where", "max_cate_where",
    ]

    /// An aggregate over a long window.
    public struct Use: Sendable, Hashable {
        public var window: LongWindow
        public var call: WindowAggregateCall
    }

    /// Checks `plan` against `longWindows`; returns every aggregate that runs over one of them.
    public static func check(_ longWindows: [LongWindow], plan: PhysicalPlan) throws(TideError) -> [Use] {
        guard !longWindows.isEmpty else { return [] }
        var nodes: [WindowAggregateNode] = []
        var pending = [plan]
        while let next = pending.popLast() {
            switch next {
            case .join, .lastJoin: throw unsupported("long windows need a single table: no JOIN or LAST JOIN")
            case .union: throw unsupported("long windows need a single table: no UNION")
            case .windowAggregate(let node): nodes.append(node)
            default: break
            }
            pending += next.children
        }
        var uses: [Use] = []
        for long in longWindows {
            var found = false
            for node in nodes {
                for (i, window) in node.windows.enumerated()
                where ([window.name] + window.sharedNames).contains(where: { $0.lowercased() == long.window }) {
                    found = true
                    if !window.unions.isEmpty {
                        throw unsupported("long window \(window.name) cannot have UNION sources")
                    }
                    // Windows with the same definition share one specification: a call is used
                    // once, by the first long window naming it.
                    for call in node.aggregates where call.window == i && !uses.contains(where: { $0.call == call }) {
                        try checkCall(call, over: long)
                        uses.append(Use(window: long, call: call))
                    }
                }
            }
            if !found {
                throw TideError(
                    .windowingError, "long window \"\(long.window)\" is not a window any aggregate of the query uses",
                    hint: "name a window of the WINDOW clause that an aggregate uses")
            }
        }
        return uses
    }

    private static func checkCall(_ call: WindowAggregateCall, over long: LongWindow) throws(TideError) {
        let name = call.signature.name.lowercased()
        guard functions.contains(name), call.nested.isEmpty else {
            throw unsupported(
                "\(name) cannot run over long window \(long.window): only \(functions.sorted().joined(separator: ", "))"
            )
        }
        guard name.hasSuffix("_where"), call.arguments.count == 2 else { return }
        try checkCondition(call.arguments[1])
    }

    /// `column op constant` (or reversed), on a column that is not a date or timestamp.
    private static func checkCondition(_ condition: BoundExpr) throws(TideError) {
        guard case .compare(_, let a, let b) = condition else {
            throw unsupported("a long-window condition must be `column op constant`")
        }
        let column: ColumnReference
        switch (plainColumn(a), plainColumn(b)) {
        case (let c?, nil) where isConstant(b): column = c
        case (nil, let c?) where isConstant(a): column = c
        default: throw unsupported("a long-window condition must compare a column with a constant")
        }
        if column.type == .date || column.type == .timestamp {
            throw unsupported("a long-window condition cannot test a date or timestamp column")
        }
    }

    /// The column `e` reads, also through the widening CAST the binder adds to compare it.
    private static func plainColumn(_ e: BoundExpr) -> ColumnReference? {
        switch e {
        case .column(let c): return c
        case .cast(let inner, _): return plainColumn(inner)
        default: return nil
        }
    }

    private static func isConstant(_ e: BoundExpr) -> Bool {
        switch e {
        case .literal: return true
        case .cast(let inner, _): return isConstant(inner)
        default: return false
        }
    }

    private static func unsupported(_ message: String) -> TideError { TideError(.featureNotSupported, message) }
}
