import TideCore
import TideExec
import TidePlan

/// LAST JOIN over whole tables: for each left row, the right row with the largest ORDER BY
/// value among those with its keys that satisfy the residual condition, else NULLs. Right
/// rows are bucketed by key so each left row probes one bucket; columns are gathered, not
/// copied row by row.
enum BatchLastJoin {
    static func run(_ node: LastJoinNode, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let left = try builder.run(node.left)
        let right = try builder.run(node.right)
        let matcher = try LastJoinMatcher(node, context: builder.context, parameters: builder.engine.parameters)
        let order = try node.effectiveOrder.map { try builder.evaluate($0, over: right) }
        let candidates = matcher.prepare(orderValues: order, count: right.count)
        let leftKeys = try node.leftKeys.map { try builder.evaluate($0, over: left) }
        let rightKeys = try node.rightKeys.map { try builder.evaluate($0, over: right) }
        var matches = [Int](repeating: -1, count: left.count)
        if !matcher.hasResidual {
            // Without a residual condition the match is the key's best candidate: the last one.
            var best: [[Value]: Int] = [:]
            if rightKeys.count == 1 {
                var single: [Value: Int] = [:]
                for candidate in candidates { single[rightKeys[0][candidate.index]] = candidate.index }
                for l in 0..<left.count {
                    try builder.checkInterrupt(atRow: l)
                    matches[l] = single[leftKeys[0][l]] ?? -1
                }
            } else {
                for candidate in candidates { best[rightKeys.map { $0[candidate.index] }] = candidate.index }
                let last = candidates.last?.index ?? -1
                for l in 0..<left.count {
                    try builder.checkInterrupt(atRow: l)
                    matches[l] = node.leftKeys.isEmpty ? last : best[leftKeys.map { $0[l] }] ?? -1
                }
            }
        } else {
            // Each right row once as a row, each left row once per probe.
            let rightRows = (0..<right.count).map(right.row)
            var buckets: [[Value]: [Int]] = [:]
            for position in candidates.indices {
                buckets[rightKeys.map { $0[candidates[position].index] }, default: []].append(position)
            }
            let all = Array(candidates.indices)
            for l in 0..<left.count {
                try builder.checkInterrupt(atRow: l)
                let bucket = node.leftKeys.isEmpty ? all : (buckets[leftKeys.map { $0[l] }] ?? [])
                guard !bucket.isEmpty else { continue }
                let leftRow = left.row(l)
                matches[l] =
                    try matcher.last(among: bucket, candidates: candidates) { r in
                        try matcher.residualHolds(left: leftRow, right: rightRows[r])
                    } ?? -1
            }
        }
        var columns = left.columns
        for column in right.columns {
            columns.append(matches.map { $0 >= 0 ? column[$0] : .null })
        }
        return ColumnBatch(columns: columns, count: left.count)
    }
}
