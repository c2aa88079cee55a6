import TideCore
import TideExec
import TidePlan

/// GROUP BY and whole-table aggregates over a whole input (`GroupAggregation`).
enum BatchGroupAggregate {
    static func run(_ node: GroupAggregateNode, input: ColumnBatch, builder: BatchOperatorBuilder) throws -> ColumnBatch
    {
        let keys = try node.keys.map { try builder.evaluate($0, over: input) }
        let arguments = try node.aggregates.map { call in
            try call.arguments.map { try builder.evaluate($0, over: input) }
        }
        var aggregation = try GroupAggregation(node, context: builder.context)
        for r in 0..<input.count {
            try builder.checkInterrupt(atRow: r)
            try aggregation.add(key: keys.map { $0[r] }, arguments: arguments.map { call in call.map { $0[r] } })
        }
        return ColumnBatch(rows: try aggregation.rows(), width: node.columns.count)
    }
}
