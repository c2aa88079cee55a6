import TideCore

/// What request mode needs to run a plan: its request table, and the reads that no index
/// serves. Ad-hoc requests run those reads by scanning the table; DEPLOY creates the missing
/// indexes and rejects what no index can serve.
public struct RequestModeAnalysis: Sendable {
    /// The main (request) table.
    public var table: TableDef
    /// Windows and LAST JOINs with no index yet; an index with the named key and TS serves each.
    public var missingIndexes: [TideError]
    /// LAST JOINs no index can serve (no equality on a right column).
    public var unindexable: [TideError]

    /// The first read no index serves now, if any.
    public var firstIndexGap: TideError? { unindexable.first ?? missingIndexes.first }
}

/// Checks that a plan can run in request mode (one request row, windows and LAST JOINs read
/// through indexes), as OpenMLDB's `RequestModeTransformer::ValidatePlan` does. Rejections
/// say what is not supported and why (SQLSTATE 0A000).
public enum RequestModeValidator {
    /// Throws if request mode cannot run `plan` through indexes; returns the main table.
    @discardableResult
    public static func validate(_ plan: PhysicalPlan) throws(TideError) -> TableDef {
        let analysis = try analyze(plan)
        if let gap = analysis.firstIndexGap { throw gap }
        return analysis.table
    }

    /// Throws for what request mode cannot run at all (GROUP BY, plain joins, ...); collects
    /// the reads no index serves instead of throwing for them.
    public static func analyze(_ plan: PhysicalPlan) throws(TideError) -> RequestModeAnalysis {
        var gaps = IndexGaps()
        guard let main = try check(plan, into: &gaps) else {
            throw unsupported("request mode needs a query over one table (the request table)", hint: nil)
        }
        return RequestModeAnalysis(table: main, missingIndexes: gaps.missingIndexes, unindexable: gaps.unindexable)
    }

    /// The reads no index serves, collected while checking.
    private struct IndexGaps {
        var missingIndexes: [TideError] = []
        var unindexable: [TideError] = []
    }

    private static func unsupported(_ message: String, hint: String?) -> TideError {
        TideError(.featureNotSupported, message, hint: hint)
    }

    /// The request table of a plan, checking every node on the way.
    private static func check(_ plan: PhysicalPlan, into gaps: inout IndexGaps) throws(TideError)
        -> TableDef?
    {
        switch plan {
        case .scan(let scan): return scan.table
        case .singleRow: return nil
        case .project(let project): return try check(project.input, into: &gaps)
        case .filter(let filter): return try check(filter.input, into: &gaps)
        case .groupAggregate(let node):
            // The request row's group, computed over the whole table: ad-hoc requests only.
            gaps.unindexable.append(
                unsupported(
                    "GROUP BY and table-wide aggregates read the whole table in request mode",
                    hint: "aggregate over a window partitioned by an indexed key instead"))
            // It reads the main table's rows one by one (through projections, filters and
            // LAST JOINs), as index reads produce them, not rows that need a computation.
            if node.input.indexReadTable == nil {
                throw unsupported(
                    "GROUP BY over a subquery with windows, aggregates or unions is not supported in request mode",
                    hint: nil)
            }
            return try check(node.input, into: &gaps)
        case .sort:
            throw unsupported("ORDER BY is not supported in request mode: a request returns one row", hint: nil)
        case .limit(let limit): return try check(limit.input, into: &gaps)
        case .distinct:
            throw unsupported("SELECT DISTINCT is not supported in request mode", hint: nil)
        case .union:
            throw unsupported("UNION is not supported in request mode", hint: "use WINDOW ... UNION to combine tables")
        case .join(let join):
            throw unsupported(
                "\(join.kind.rawValue) JOIN is not supported in request mode: it can return many rows per request",
                hint: "use LAST JOIN, which returns one row")
        case .lastJoin(let join):
            let main = try check(join.left, into: &gaps)
            if let tables = IndexSelection.lastJoinOrderTable(join) {
                throw unsupported(
                    "LAST JOIN takes its key from \(tables.key) and its ORDER BY from "
                        + (tables.order ?? "a column joined or computed in the subquery")
                        + ": no index serves it in request mode",
                    hint: "order the LAST JOIN by a timestamp column of \(tables.key)")
            }
            guard let index = join.index else {
                gaps.unindexable.append(
                    unsupported(
                        "LAST JOIN needs an equality between a left column and a right table's column in request mode",
                        hint: "write ON left.key = right.key"))
                return main
            }
            if index.indexName == nil {
                gaps.missingIndexes.append(
                    unsupported(
                        "no index on \(index.database).\(index.table) serves this LAST JOIN",
                        hint: "create INDEX(KEY=\(index.keyColumns.joined(separator: ", "))"
                            + (index.tsColumn.map { ", TS=\($0)" } ?? "") + ") or DEPLOY the query to create it"))
            }
            return main
        case .windowAggregate(let node):
            let main = try check(node.input, into: &gaps)
            // A window's history rows are read through an index, so they cannot be rows that
            // need a computation of their own (a window or aggregate of a subquery).
            try OnlineWindowRule.checkInput(node, mode: "request mode")
            for window in node.windows {
                try checkWindow(window, into: &gaps)
                if window.unions.contains(where: { $0.indexReadTable == nil }) {
                    throw unsupported(
                        "WINDOW ... UNION of a subquery with windows, aggregates or unions is not supported in request mode",
                        hint: nil)
                }
            }
            return main
        }
    }

    private static func checkWindow(_ window: WindowSpecification, into gaps: inout IndexGaps)
        throws(TideError)
    {
        // Request mode reads a window through an index: its keys cannot be float or double,
        // and its TS is a bigint or a timestamp.
        try OnlineWindowRule.checkKeys(window, mode: "request mode")
        if let order = window.orderBy, order.type != .scalar(.int64), order.type != .scalar(.timestamp) {
            throw unsupported(
                "window \(window.name) is ordered by a \(order.type) value; an index TS is a bigint or a timestamp",
                hint: "order the window by a bigint or timestamp column")
        }
        if !window.instanceNotInWindow {
            try requireIndex(window.index, what: "window \(window.name)", into: &gaps)
        }
        for (i, _) in window.unions.enumerated() {
            let binding = i < window.unionIndexes.count ? window.unionIndexes[i] : nil
            try requireIndex(binding, what: "union source \(i + 1) of window \(window.name)", into: &gaps)
        }
    }

    private static func requireIndex(
        _ binding: IndexBinding?, what: String, into gaps: inout IndexGaps
    ) throws(TideError) {
        guard let binding else {
            throw unsupported(
                "\(what) must be partitioned and ordered by plain columns of one table in request mode", hint: nil)
        }
        if binding.indexName == nil {
            gaps.missingIndexes.append(
                unsupported(
                    "no index on \(binding.database).\(binding.table) serves \(what)",
                    hint:
                        "create INDEX(KEY=\(binding.keyColumns.joined(separator: ", ")), TS=\(binding.tsColumn ?? "?")) "
                        + "or DEPLOY the query to create it"))
        }
    }
}
