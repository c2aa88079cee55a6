import TideCore

/// Lowers a physical plan to one Spark SQL query that computes exactly what TideBatch
/// computes (issue 15). Every lowered node is a subquery whose column `i` is named `c<i>`,
/// plus `__seq`, the row's position in the order TideBatch produces rows in (a scanned
/// table's offline seq, exported with its rows): windows break timestamp ties by it, LIMIT
/// keeps the first rows by it, and the outer query returns rows in it.
///
/// A plan node, function or window attribute the emitter cannot lower with the same meaning
/// throws 0A000 naming it, before Spark runs anything.
public struct SparkSQLEmitter {
    /// The Spark relation (a temporary view) holding a scanned table's rows, with its
    /// columns under their own names and a `__tide_seq` column.
    public var view: (TableDef) -> String
    /// The categories of `*_cate` keys read from the data (nil: always the array form).
    public var categoryDomains: SparkCategoryDomains?

    public init(view: @escaping (TableDef) -> String, categoryDomains: SparkCategoryDomains? = nil) {
        self.view = view
        self.categoryDomains = categoryDomains
    }

    /// The query: the plan's columns as `c0`, `c1`, ... in plan order, rows in TideBatch's order.
    public func emit(_ plan: PhysicalPlan) throws(TideError) -> String {
        let root = try relation(plan)
        let columns = plan.columns.indices.map { "c\($0)" }
        // A global sort: Spark samples the key range first (computing the query once more), but
        // the rows come back in several partitions, each of which Spark Connect holds whole.
        return "SELECT \(columns.isEmpty ? "1 AS c0" : columns.joined(separator: ", ")) FROM \(root) ORDER BY __seq"
    }

    /// The query with its columns under `names` (one per plan column, distinct ignoring case,
    /// as Spark's file writers need), for Spark to write out itself.
    public func emit(_ plan: PhysicalPlan, names: [String]) throws(TideError) -> String {
        guard names.count == plan.columns.count, !names.isEmpty else {
            throw TideError.internal("\(names.count) names for \(plan.columns.count) columns")
        }
        var seen = Set<String>()
        for name in names where !seen.insert(name.lowercased()).inserted {
            throw TideError(
                .duplicateColumn, "the result has two columns named \"\(name)\"; Spark cannot write them to files",
                hint: "name them apart with AS")
        }
        let root = try relation(plan)
        let columns = names.enumerated().map { "c\($0) AS \(SparkSQLText.identifier($1))" }
        // Gathered into one partition and sorted there, as Spark's writer streams it into one
        // file: a global ORDER BY would compute the whole query twice (once to sample the range).
        return "SELECT /*+ REPARTITION(1) */ \(columns.joined(separator: ", ")) FROM \(root) SORT BY __seq"
    }

    /// The plan node as `(SELECT ...) AS tN`.
    func relation(_ plan: PhysicalPlan) throws(TideError) -> String {
        switch plan {
        case .scan(let scan):
            if scan.lookup != nil || scan.keptBy != nil { throw SparkLowering.unsupported("an online index read") }
            let columns = scan.table.columns.enumerated().map { i, column in
                "\(SparkSQLText.identifier(column.name)) AS c\(i)"
            }
            return "(SELECT \((columns + ["__tide_seq AS __seq"]).joined(separator: ", ")) FROM \(view(scan.table)))"
                + " AS \(alias(plan))"
        case .singleRow:
            return "(SELECT CAST(0 AS BIGINT) AS __seq) AS \(alias(plan))"
        case .filter(let node):
            let input = try relation(node.input)
            let condition = try expressions(for: node.input).condition(node.predicate)
            return "(SELECT * FROM \(input) WHERE \(condition)) AS \(alias(plan))"
        case .project(let node):
            let input = try relation(node.input)
            let emitter = expressions(for: node.input)
            var items: [String] = []
            for (i, expression) in node.expressions.enumerated() {
                items.append("\(try typed(emitter.emit(expression), node.columns[i].type)) AS c\(i)")
            }
            return "(SELECT \((items + ["__seq"]).joined(separator: ", ")) FROM \(input)) AS \(alias(plan))"
        case .windowAggregate(let node):
            return try SparkWindowEmitter(emitter: self).relation(node, alias: alias(plan))
        case .limit(let node):
            let input = try relation(node.input)
            return "(SELECT * FROM \(input) ORDER BY __seq LIMIT \(node.count)) AS \(alias(plan))"
        case .sort(let node):
            let input = try relation(node.input)
            let emitter = expressions(for: node.input)
            var keys: [String] = []
            for key in node.keys {
                keys.append("\(try emitter.emit(key.expr)) \(key.descending ? "DESC NULLS LAST" : "ASC NULLS FIRST")")
            }
            let columns = node.input.columns.indices.map { "c\($0)" }
            let order = (keys + ["__seq"]).joined(separator: ", ")
            return "(SELECT \((columns + ["row_number() OVER (ORDER BY \(order)) AS __seq"]).joined(separator: ", "))"
                + " FROM \(input)) AS \(alias(plan))"
        case .lastJoin(let node):
            return try lastJoin(node) + " AS \(alias(plan))"
        case .join: throw SparkLowering.unsupported("JOIN")
        case .groupAggregate(let node):
            return try groupAggregate(node) + " AS \(alias(plan))"
        case .union: throw SparkLowering.unsupported("UNION")
        case .distinct: throw SparkLowering.unsupported("DISTINCT")
        }
    }

    /// LAST JOIN: each left row with the right rows that match (keys NULL-safe equal, as an
    /// index lookup matches, and the residual true), ranked by the order TideBatch picks the
    /// last one by (ORDER BY value ascending, NULL first, then seq; DESC reverses the value
    /// only), keeping the best; a left row without a match keeps NULLs.
    private func lastJoin(_ node: LastJoinNode) throws(TideError) -> String {
        let left = try relation(node.left).replacingAlias(with: "l")
        let right = try relation(node.right).replacingAlias(with: "r")
        let leftWidth = node.left.columns.count
        let rightWidth = node.right.columns.count
        let joined = SparkExpressionEmitter(columnName: { $0 < leftWidth ? "l.c\($0)" : "r.c\($0 - leftWidth)" })
        let onLeft = SparkExpressionEmitter(columnName: { "l.c\($0)" })
        let onRight = SparkExpressionEmitter(columnName: { "r.c\($0)" })
        var conditions: [String] = []
        for (l, r) in zip(node.leftKeys, node.rightKeys) {
            conditions.append("(\(try onLeft.emit(l)) <=> \(try onRight.emit(r)))")
        }
        if let residual = node.residual { conditions.append("(\(try joined.condition(residual)) <=> TRUE)") }
        var ranking: [String] = []
        if let order = node.effectiveOrder {
            let value = try onRight.emit(order)
            ranking.append(node.orderDescending ? "\(value) ASC NULLS FIRST" : "\(value) DESC NULLS LAST")
        }
        ranking.append("r.__seq DESC")
        let columns =
            (0..<leftWidth).map { "l.c\($0) AS c\($0)" } + (0..<rightWidth).map { "r.c\($0) AS c\(leftWidth + $0)" }
        let on = conditions.isEmpty ? "TRUE" : conditions.joined(separator: " AND ")
        let ranked =
            "(SELECT \((columns + ["l.__seq AS __seq"]).joined(separator: ", ")), "
            + "row_number() OVER (PARTITION BY l.__seq ORDER BY \(ranking.joined(separator: ", "))) AS __rank "
            + "FROM \(left) LEFT JOIN \(right) ON \(on)) AS j"
        let outputs = (0..<(leftWidth + rightWidth)).map { "c\($0)" } + ["__seq"]
        return "(SELECT \(outputs.joined(separator: ", ")) FROM \(ranked) WHERE __rank = 1)"
    }

    /// GROUP BY: one row per group in first-seen order (a group's `__seq` is its first
    /// row's); a whole-table aggregate gives one row even over no rows, as in TideBatch.
    private func groupAggregate(_ node: GroupAggregateNode) throws(TideError) -> String {
        let input = try relation(node.input)
        let emitter = expressions(for: node.input)
        var keys: [String] = []
        for key in node.keys { keys.append(try emitter.emit(key)) }
        var items: [String] = []
        for (i, key) in keys.enumerated() { items.append("\(try typed(key, node.columns[i].type)) AS c\(i)") }
        for (a, call) in node.aggregates.enumerated() {
            let value = try SparkAggregateLowering.lower(
                call.signature, arguments: call.arguments, expressions: emitter,
                frame: SparkFrame(parts: [SparkFramePart(over: "")], order: ["__seq"]), distinct: call.distinct)
            items.append("\(try typed(value, node.columns[keys.count + a].type)) AS c\(keys.count + a)")
        }
        items.append("coalesce(min(__seq), CAST(0 AS BIGINT)) AS __seq")
        let grouping = keys.isEmpty ? "" : " GROUP BY " + keys.joined(separator: ", ")
        return "(SELECT \(items.joined(separator: ", ")) FROM \(input)\(grouping))"
    }

    /// Expressions over `input`'s columns (`c0`, `c1`, ...).
    func expressions(for input: PhysicalPlan) -> SparkExpressionEmitter {
        SparkExpressionEmitter(columnName: { "c\($0)" })
    }

    /// `text` cast to `type` when it is a scalar (Spark's result types differ from TideDB's).
    func typed(_ text: String, _ type: SQLType) throws(TideError) -> String {
        guard let scalar = type.scalar else {
            if type == .null { return "CAST(NULL AS STRING)" }
            throw SparkLowering.unsupported("a result column of type \(type)")
        }
        return "CAST(\(text) AS \(SparkSQLText.typeName(scalar)))"
    }

    /// The subquery's alias: each FROM has one relation and columns are referred to
    /// unqualified, so one name serves every level.
    private func alias(_ plan: PhysicalPlan) -> String { "t" }
}

extension String {
    /// A lowered relation (`(...) AS t`) under another alias.
    fileprivate func replacingAlias(with alias: String) -> String {
        guard hasSuffix(" AS t") else { return self }
        return String(dropLast(1)) + alias
    }
}
