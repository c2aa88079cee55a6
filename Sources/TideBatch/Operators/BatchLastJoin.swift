import TideCore
import TideExec
import TidePlan

/// LAST JOIN over whole tables: for each left row, the right row with the largest ORDER BY
/// value among those satisfying the condition (ties: the latest ingested), else NULLs.
/// Right rows are bucketed by the equality keys so each left row probes one bucket.
enum BatchLastJoin {
    static func run(_ node: LastJoinNode, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let left = try builder.run(node.left)
        let right = try builder.run(node.right)
        let matcher = try LastJoinMatcher(
            residual: node.leftKeys.isEmpty ? node.condition : node.residual, orderBy: effectiveOrder(node),
            descending: node.orderDescending, context: builder.context,
            parameters: builder.engine.parameters)
        let leftKeys = try node.leftKeys.map { try builder.evaluate($0, over: left) }
        let rightKeys = try node.rightKeys.map { try builder.evaluate($0, over: right) }
        let rightRows = (0..<right.count).map(right.row)
        let candidates = try matcher.prepare(rightRows)
        // Buckets of right rows by key, each in matcher order (best candidate last).
        var buckets: [[Value]: [Int]] = [:]
        for position in candidates.indices {
            let r = candidates[position].index
            buckets[rightKeys.map { $0[r] }, default: []].append(position)
        }
        var columns = left.columns + Array(repeating: [Value](), count: right.columns.count)
        let nulls = [Value](repeating: .null, count: right.columns.count)
        for l in 0..<left.count {
            let leftRow = left.row(l)
            let key = leftKeys.map { $0[l] }
            let bucket = node.leftKeys.isEmpty ? Array(candidates.indices) : (buckets[key] ?? [])
            let match = try matcher.last(for: leftRow, among: bucket, candidates: candidates, rows: rightRows)
            let values = match.map { rightRows[$0] } ?? nulls
            for (c, v) in values.enumerated() { columns[left.columns.count + c].append(v) }
        }
        return ColumnBatch(columns: columns, count: left.count)
    }

    /// Without ORDER BY, OpenMLDB takes the last row in the serving index's order: its TS
    /// column when it has one, else ingestion order.
    static func effectiveOrder(_ node: LastJoinNode) -> BoundExpr? {
        if let orderBy = node.orderBy { return orderBy }
        guard let ts = node.index?.tsColumn,
            let i = node.right.columns.firstIndex(where: { $0.name.lowercased() == ts.lowercased() })
        else { return nil }
        let column = node.right.columns[i]
        return .column(ColumnReference(index: i, name: column.name, type: column.type))
    }
}
