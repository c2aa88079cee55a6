import TideCore

/// EXPLAIN's text: one node per line, children indented by two spaces, every detail
/// deterministic so golden tests can compare it. Both engines run the same printed plan; the
/// index bindings say what request mode will read.
///
///     PROJECT(txn_id#0, spend_10m#5)
///       WINDOW_AGGREGATE
///         window w10m: PARTITION BY card#1 ORDER BY ts#4 ROWS_RANGE [-600000, 0] index=...
///         sum(amount#3) OVER w10m
///         SCAN(demo.transactions AS transactions)
public enum PlanPrinter {
    public static func print(_ plan: PhysicalPlan) -> String {
        var lines: [String] = []
        render(plan, depth: 0, into: &lines)
        return lines.joined(separator: "\n")
    }

    private static func render(_ plan: PhysicalPlan, depth: Int, into lines: inout [String]) {
        let pad = String(repeating: "  ", count: depth)
        switch plan {
        case .scan(let scan):
            lines.append(pad + "SCAN(\(scan.table.database).\(scan.table.name) AS \(scan.alias))")
        case .singleRow:
            lines.append(pad + "SINGLE_ROW")
        case .filter(let filter):
            lines.append(pad + "FILTER(\(ExprPrinter.text(filter.predicate)))")
            render(filter.input, depth: depth + 1, into: &lines)
        case .project(let project):
            let items = zip(project.expressions, project.columns).map { e, c in
                let text = ExprPrinter.text(e)
                return text == "\(c.name)#\(index(of: e))" ? text : "\(text) AS \(c.name)"
            }
            lines.append(pad + "PROJECT(\(items.joined(separator: ", ")))")
            render(project.input, depth: depth + 1, into: &lines)
        case .windowAggregate(let node):
            lines.append(pad + "WINDOW_AGGREGATE")
            for window in node.windows { lines.append(pad + "  window " + describe(window)) }
            let base = node.input.columns.count
            for (i, call) in node.aggregates.enumerated() {
                let arguments = call.arguments.map(ExprPrinter.text).joined(separator: ", ")
                lines.append(
                    pad
                        + "  \(call.signature.name)(\(arguments)) OVER \(node.windows[call.window].name) -> #\(base + i)"
                )
            }
            render(node.input, depth: depth + 1, into: &lines)
            for window in node.windows {
                for (j, union) in window.unions.enumerated() {
                    let index = j < window.unionIndexes.count ? window.unionIndexes[j] : nil
                    lines.append(pad + "  UNION SOURCE \(j + 1) OF \(window.name)" + binding(index))
                    render(union, depth: depth + 2, into: &lines)
                }
            }
        case .lastJoin(let join):
            var s = "LAST_JOIN(condition=\(ExprPrinter.text(join.condition))"
            if let orderBy = join.orderBy { s += ", right_order_by=\(ExprPrinter.text(orderBy))" }
            s += ")" + binding(join.index)
            lines.append(pad + s)
            render(join.left, depth: depth + 1, into: &lines)
            render(join.right, depth: depth + 1, into: &lines)
        case .join(let join):
            let condition = join.condition.map { "(condition=\(ExprPrinter.text($0)))" } ?? ""
            lines.append(pad + "\(join.kind.rawValue)_JOIN\(condition)")
            render(join.left, depth: depth + 1, into: &lines)
            render(join.right, depth: depth + 1, into: &lines)
        case .groupAggregate(let node):
            let keys = node.keys.map(ExprPrinter.text).joined(separator: ", ")
            let aggregates = node.aggregates.map { a in
                "\(a.signature.name)(\(a.distinct ? "DISTINCT " : "")\(a.arguments.map(ExprPrinter.text).joined(separator: ", ")))"
            }.joined(separator: ", ")
            lines.append(pad + "GROUP_AGGREGATE(keys=[\(keys)], aggregates=[\(aggregates)])")
            render(node.input, depth: depth + 1, into: &lines)
        case .sort(let sort):
            let keys = sort.keys.map { "\(ExprPrinter.text($0.expr)) \($0.descending ? "DESC" : "ASC")" }
            lines.append(pad + "SORT(\(keys.joined(separator: ", ")))")
            render(sort.input, depth: depth + 1, into: &lines)
        case .limit(let limit):
            lines.append(pad + "LIMIT(\(limit.count))")
            render(limit.input, depth: depth + 1, into: &lines)
        case .union(let union):
            lines.append(pad + "UNION(\(union.distinct ? "DISTINCT" : "ALL"))")
            for input in union.inputs { render(input, depth: depth + 1, into: &lines) }
        case .distinct(let distinct):
            lines.append(pad + "DISTINCT")
            render(distinct.input, depth: depth + 1, into: &lines)
        }
    }

    private static func index(of e: BoundExpr) -> Int {
        if case .column(let ref) = e { return ref.index }
        return -1
    }

    /// `w: PARTITION BY k#1 ORDER BY ts#4 ROWS_RANGE [-600000, 0] EXCLUDE CURRENT_ROW index=...`.
    static func describe(_ window: WindowSpecification) -> String {
        var s = "\(window.name):"
        if !window.partitionBy.isEmpty {
            s += " PARTITION BY " + window.partitionBy.map(ExprPrinter.text).joined(separator: ", ")
        }
        if let orderBy = window.orderBy { s += " ORDER BY \(ExprPrinter.text(orderBy))" }
        let start = window.frame.start.map(String.init) ?? "UNBOUNDED"
        s += " \(window.frame.unit.rawValue) [\(start), \(window.frame.end)]"
        if window.excludeCurrentRow { s += " EXCLUDE CURRENT_ROW" }
        if window.excludeCurrentTime { s += " EXCLUDE CURRENT_TIME" }
        if window.instanceNotInWindow { s += " INSTANCE_NOT_IN_WINDOW" }
        if let maxSize = window.maxSize { s += " MAXSIZE \(maxSize)" }
        return s + binding(window.index)
    }

    /// ` index=db.t.name(key=[c], ts=ts, ttl=absolute 10min)` or a note that none exists.
    static func binding(_ binding: IndexBinding?) -> String {
        guard let binding else { return " index=none" }
        let name = binding.indexName ?? "<missing>"
        let ts = binding.tsColumn ?? "-"
        return
            " index=\(binding.database).\(binding.table).\(name)(key=[\(binding.keyColumns.joined(separator: ", "))], "
            + "ts=\(ts), ttl=\(binding.requiredTTL))"
    }
}
