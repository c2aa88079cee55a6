import TideCore
import TideExec
import TidePlan

/// LAST JOIN for one request row: the right table's rows of the left row's key come from
/// one index seek; TideExec's `LastJoinMatcher` picks the last one, as in the batch engine.
enum RequestLastJoin {
    /// A LAST JOIN compiled for requests, once per deployment: its key evaluators, its matcher
    /// and its right side's operators (for the request row's own right row); what could not be
    /// compiled is thrown by the first request that reaches it.
    struct Compiled: Sendable {
        let node: LastJoinNode
        let right: RequestOperator
        let parts: Result<Parts, any Error>

        struct Parts: Sendable {
            let leftKeys: [RowEvaluator]
            let rightKeys: [RowEvaluator]
            let matcher: LastJoinMatcher
            let order: RowEvaluator?
        }

        init(_ node: LastJoinNode, context: FunctionContext, parameters: [Value]) {
            self.node = node
            right = RequestOperator(node.right, context: context, parameters: parameters)
            parts = Result {
                func compile(_ expr: BoundExpr) throws -> RowEvaluator {
                    try RowEvaluator(expr, context: context, parameters: parameters)
                }
                return Parts(
                    leftKeys: try node.leftKeys.map(compile), rightKeys: try node.rightKeys.map(compile),
                    matcher: try LastJoinMatcher(node, context: context, parameters: parameters),
                    order: try node.effectiveOrder.map(compile))
            }
        }
    }

    /// The joined row for one left row.
    static func join(_ compiled: Compiled, left: [Value], builder: RequestOperatorBuilder) throws -> [Value] {
        let node = compiled.node
        let parts = try compiled.parts.get()
        let leftKeys = try parts.leftKeys.map { try $0.evaluate(left) }
        let rightKeys = parts.rightKeys
        let matcher = parts.matcher
        // A right side over the main table has the request row as its newest row.
        var own: StoredRow?
        if let values = try builder.requestRow(of: node.right, compiled: compiled.right),
            try zip(rightKeys, leftKeys).allSatisfy({ try $0.0.evaluate(values) == $0.1 })
        {
            // Without an order the newest match wins: the request row's own, no read needed.
            if node.effectiveOrder == nil, try matcher.residualHolds(left: left, right: values) {
                return left + values
            }
            own = StoredRow(values: values, seq: .max)
        }
        guard let table = node.right.indexReadTable else {
            // A subquery no index read produces: computed over the stored rows as a whole.
            guard let subqueries = builder.engine.subqueries else {
                throw TideError(
                    .featureNotSupported,
                    "LAST JOIN in request mode needs a table, or a filter or projection of one, on its right side")
            }
            let rows = try subqueries(node.right).enumerated().map { StoredRow(values: $1, seq: UInt64($0)) }
            return try pick(
                node, left: left, keys: (leftKeys, rightKeys), candidates: rows, own: own, matcher: matcher,
                order: parts.order)
        }
        // Without an equality (or, for ad-hoc requests, without an index) the table is scanned.
        let binding =
            node.index
            ?? IndexBinding(
                database: "", table: table.name, indexName: nil, keyColumns: [], tsColumn: nil, requiredTTL: .forever)
        // The index may cover some of the equality columns; map them by column name.
        var keyByColumn: [String: Value] = [:]
        for (rightKey, value) in zip(node.rightKeys, leftKeys) {
            if case .column(let ref) = rightKey, let source = IndexSelection.source(of: node.right, column: ref.index) {
                keyByColumn[source.column.lowercased()] = value
            }
        }
        let order = table.indexes.first { $0.name == binding.indexName }?.keyColumns ?? binding.keyColumns
        let key = try order.map { name -> Value in
            guard let value = keyByColumn[name.lowercased()] else {
                throw TideError.internal("LAST JOIN index key \(name) has no equality in the condition")
            }
            return value
        }
        var stored = try builder.sourceRows(node.right, binding: binding, key: key, from: nil, to: nil, limit: nil)
        stored.sort { $0.seq < $1.seq }
        return try pick(
            node, left: left, keys: (leftKeys, rightKeys), candidates: stored, own: own, matcher: matcher,
            order: parts.order)
    }

    /// The joined row: among right rows in their order (oldest first), with the request row's
    /// own right row (if any) as the newest, the last that matches the keys and the residual.
    private static func pick(
        _ node: LastJoinNode, left: [Value], keys: (left: [Value], right: [RowEvaluator]), candidates: [StoredRow],
        own: StoredRow?, matcher: LastJoinMatcher, order: RowEvaluator?
    ) throws -> [Value] {
        let nulls = [Value](repeating: .null, count: node.right.columns.count)
        var stored = candidates
        // Every equality must hold (NULL matching NULL, as in the batch engine).
        stored = try stored.filter { row in
            try zip(keys.right, keys.left).allSatisfy { try $0.0.evaluate(row.values) == $0.1 }
        }
        if let own { stored.append(own) }
        let orderValues = try order.map { compiled in try stored.map { try compiled.evaluate($0.values) } }
        let prepared = matcher.prepare(orderValues: orderValues, count: stored.count)
        let match = try matcher.last(among: Array(prepared.indices), candidates: prepared) { r in
            try matcher.residualHolds(left: left, right: stored[r].values)
        }
        return left + (match.map { stored[$0].values } ?? nulls)
    }
}
