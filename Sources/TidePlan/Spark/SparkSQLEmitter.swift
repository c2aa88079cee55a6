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

    public init(view: @escaping (TableDef) -> String) {
        self.view = view
    }

    /// The query: the plan's columns as `c0`, `c1`, ... in plan order, rows in TideBatch's order.
    public func emit(_ plan: PhysicalPlan) throws(TideError) -> String {
        let root = try relation(plan)
        let columns = plan.columns.indices.map { "c\($0)" }
        return "SELECT \(columns.isEmpty ? "1 AS c0" : columns.joined(separator: ", ")) FROM \(root) ORDER BY __seq"
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
            let condition = try expressions(for: node.input).emit(node.predicate)
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
        case .lastJoin: throw SparkLowering.unsupported("LAST JOIN")
        case .join: throw SparkLowering.unsupported("JOIN")
        case .groupAggregate: throw SparkLowering.unsupported("GROUP BY / aggregate without a window")
        case .union: throw SparkLowering.unsupported("UNION")
        case .distinct: throw SparkLowering.unsupported("DISTINCT")
        }
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
