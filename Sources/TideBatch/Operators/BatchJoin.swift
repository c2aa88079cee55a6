import TideCore
import TideExec
import TidePlan

/// Ordinary joins (INNER, LEFT, CROSS): every matching pair, probed through a
/// hash of the right side's equality keys when there are any.
enum BatchJoin {
    static func run(_ node: JoinNode, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let left = try builder.run(node.left)
        let right = try builder.run(node.right)
        let condition = try node.condition.map {
            try RowEvaluator($0, context: builder.context, parameters: builder.engine.parameters)
        }
        let leftKeys = try node.leftKeys.map { try builder.evaluate($0, over: left) }
        let rightKeys = try node.rightKeys.map { try builder.evaluate($0, over: right) }
        var buckets: [[Value]: [Int]] = [:]
        if !node.rightKeys.isEmpty {
            for r in 0..<right.count {
                let key = rightKeys.map { $0[r] }
                if !key.contains(where: \.isNull) { buckets[key, default: []].append(r) }
            }
        }
        let rightNulls = [Value](repeating: .null, count: right.columns.count)
        var rows: [[Value]] = []
        for l in 0..<left.count {
            // Per left row: one left row of a CROSS JOIN may pair with every right row.
            try builder.context.checkInterrupt()
            let leftRow = left.row(l)
            let probe: [Int]
            if node.leftKeys.isEmpty {
                probe = Array(0..<right.count)
            } else {
                let key = leftKeys.map { $0[l] }
                probe = key.contains(where: \.isNull) ? [] : (buckets[key] ?? [])
            }
            var matched = false
            for r in probe {
                let combined = leftRow + right.row(r)
                if let condition, !Predicates.isTrue(try condition.evaluate(combined)) { continue }
                rows.append(combined)
                matched = true
            }
            if !matched, node.kind == .left { rows.append(leftRow + rightNulls) }
        }
        return ColumnBatch(rows: rows, width: left.columns.count + right.columns.count)
    }
}
