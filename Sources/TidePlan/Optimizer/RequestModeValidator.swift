import TideCore

/// Checks that a plan can run in request mode (one request row, windows and LAST JOINs read
/// through indexes), as OpenMLDB's `RequestModeTransformer::ValidatePlan` does. Rejections
/// say what is not supported and why (SQLSTATE 0A000).
public enum RequestModeValidator {
    /// Throws if request mode cannot run `plan`; returns the main (request) table.
    ///
    /// With `allowingTableScans`, windows and LAST JOINs that no index serves (or a LAST JOIN
    /// without an equality) are accepted and read by scanning the table: fine for ad-hoc
    /// requests over small tables, never for deployments, which get indexes instead.
    @discardableResult
    public static func validate(_ plan: PhysicalPlan, allowingTableScans: Bool = false) throws(TideError)
        -> TableDef
    {
        guard let main = try check(plan, scans: allowingTableScans) else {
            throw unsupported("request mode needs a query over one table (the request table)", hint: nil)
        }
        return main
    }

    private static func unsupported(_ message: String, hint: String?) -> TideError {
        TideError(.featureNotSupported, message, hint: hint)
    }

    /// The request table of a plan, checking every node on the way.
    private static func check(_ plan: PhysicalPlan, scans: Bool) throws(TideError) -> TableDef? {
        switch plan {
        case .scan(let scan): return scan.table
        case .singleRow: return nil
        case .project(let project): return try check(project.input, scans: scans)
        case .filter(let filter): return try check(filter.input, scans: scans)
        case .groupAggregate:
            throw unsupported(
                "GROUP BY and table-wide aggregates are not supported in request mode: they scan whole tables",
                hint: "aggregate over a window partitioned by an indexed key instead")
        case .sort:
            throw unsupported("ORDER BY is not supported in request mode: a request returns one row", hint: nil)
        case .limit(let limit): return try check(limit.input, scans: scans)
        case .distinct:
            throw unsupported("SELECT DISTINCT is not supported in request mode", hint: nil)
        case .union:
            throw unsupported("UNION is not supported in request mode", hint: "use WINDOW ... UNION to combine tables")
        case .join(let join):
            throw unsupported(
                "\(join.kind.rawValue) JOIN is not supported in request mode: it can return many rows per request",
                hint: "use LAST JOIN, which returns one row")
        case .lastJoin(let join):
            let main = try check(join.left, scans: scans)
            if scans { return main }
            guard let index = join.index else {
                throw unsupported(
                    "LAST JOIN needs an equality between a left column and a right table's column in request mode",
                    hint: "write ON left.key = right.key")
            }
            guard index.indexName != nil else {
                throw unsupported(
                    "no index on \(index.database).\(index.table) serves this LAST JOIN",
                    hint: "create INDEX(KEY=\(index.keyColumns.joined(separator: ", "))"
                        + (index.tsColumn.map { ", TS=\($0)" } ?? "") + ") or DEPLOY the query to create it")
            }
            return main
        case .windowAggregate(let node):
            let main = try check(node.input, scans: scans)
            for window in node.windows {
                try checkWindow(window, scans: scans)
                if !window.unions.isEmpty, containsFilter(node.input) {
                    throw unsupported(
                        "WHERE together with WINDOW ... UNION is not supported in request mode",
                        hint: "filter inside the window with the *_where aggregates (count_where, sum_where, ...)")
                }
            }
            return main
        }
    }

    /// Whether a WHERE sits anywhere below a node (before its windows).
    private static func containsFilter(_ plan: PhysicalPlan) -> Bool {
        switch plan {
        case .filter: return true
        case .project(let node): return containsFilter(node.input)
        case .lastJoin(let node): return containsFilter(node.left)
        case .limit(let node): return containsFilter(node.input)
        case .windowAggregate(let node): return containsFilter(node.input)
        case .scan, .singleRow, .join, .groupAggregate, .sort, .union, .distinct: return false
        }
    }

    private static func checkWindow(_ window: WindowSpecification, scans: Bool) throws(TideError) {
        guard window.orderBy != nil else {
            throw unsupported("window \(window.name) needs ORDER BY in request mode", hint: nil)
        }
        if !window.instanceNotInWindow {
            try requireIndex(window.index, what: "window \(window.name)", scans: scans)
        }
        for (i, _) in window.unions.enumerated() {
            let binding = i < window.unionIndexes.count ? window.unionIndexes[i] : nil
            try requireIndex(binding, what: "union source \(i + 1) of window \(window.name)", scans: scans)
        }
    }

    private static func requireIndex(_ binding: IndexBinding?, what: String, scans: Bool) throws(TideError) {
        guard let binding else {
            throw unsupported(
                "\(what) must be partitioned and ordered by plain columns of one table in request mode", hint: nil)
        }
        guard binding.indexName != nil || scans else {
            throw unsupported(
                "no index on \(binding.database).\(binding.table) serves \(what)",
                hint: "create INDEX(KEY=\(binding.keyColumns.joined(separator: ", ")), TS=\(binding.tsColumn ?? "?")) "
                    + "or DEPLOY the query to create it")
        }
    }
}
