import TideCore
import TideExec
import TidePlan

/// GROUP BY and whole-table aggregates: one aggregate state per group and call, groups in
/// first-seen order. A whole-table aggregate over no rows still yields one row.
enum BatchGroupAggregate {
    static func run(_ node: GroupAggregateNode, input: ColumnBatch, builder: BatchOperatorBuilder) throws -> ColumnBatch
    {
        let keys = try node.keys.map { try builder.evaluate($0, over: input) }
        let arguments = try node.aggregates.map { call in
            try call.arguments.map { try builder.evaluate($0, over: input) }
        }
        let kernels = try node.aggregates.map { try FunctionLibrary.aggregateKernel($0.signature) }
        // Groups and DISTINCT arguments compare as DISTINCT does (`OrderedValue`).
        var groupOf: [[OrderedValue]: Int] = [:]
        var groupKeys: [[Value]] = []
        var states: [[any Aggregator]] = []
        var seen: [[Set<[OrderedValue]>]] = []
        for r in 0..<input.count {
            let key = keys.map { $0[r] }
            let groupKey = OrderedValue.keys(key)
            let g: Int
            if let existing = groupOf[groupKey] {
                g = existing
            } else {
                g = groupKeys.count
                groupOf[groupKey] = g
                groupKeys.append(key)
                states.append(kernels.map { $0.make(builder.context) })
                seen.append(Array(repeating: [], count: kernels.count))
            }
            for a in kernels.indices {
                let values = arguments[a].map { $0[r] }
                if node.aggregates[a].distinct {
                    guard seen[g][a].insert(OrderedValue.keys(values)).inserted else { continue }
                }
                try states[g][a].update(values)
            }
        }
        if node.keys.isEmpty && groupKeys.isEmpty {
            groupKeys.append([])
            states.append(kernels.map { $0.make(builder.context) })
        }
        var rows: [[Value]] = []
        for (g, key) in groupKeys.enumerated() {
            rows.append(key + (try states[g].map { try $0.result() }))
        }
        return ColumnBatch(rows: rows, width: node.columns.count)
    }
}
