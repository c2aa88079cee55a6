import TideCore
import TideExec
import TidePlan

/// GROUP BY (and a whole-table aggregate) for a request row: the row of the request row's
/// group, computed over the stored rows of the main table and the request row, as the batch
/// engine computes that group once the row is stored (OpenMLDB computes a request as if the
/// row were the newest of its table). A request row that the WHERE drops has no output row;
/// HAVING filters the group's row. It reads the whole table, so only ad-hoc requests run it
/// (`RequestModeValidator` counts it as a read no index serves; DEPLOY refuses it).
enum RequestGroupAggregate {
    /// `requestInput`: the request row's row of the node's input.
    static func run(_ node: GroupAggregateNode, requestInput: [Value], builder: RequestOperatorBuilder) throws
        -> [Value]?
    {
        let keys = try node.keys.map(builder.evaluator)
        let arguments = try node.aggregates.map { try $0.arguments.map(builder.evaluator) }
        let key = try keys.map { try $0.evaluate(requestInput) }
        let group = OrderedValue.keys(key)
        var aggregation = try GroupAggregation(node, context: builder.context)
        for row in try builder.storedRows(of: node.input) {
            try builder.context.checkInterrupt()
            let rowKey = try keys.map { try $0.evaluate(row) }
            guard OrderedValue.keys(rowKey) == group else { continue }
            try aggregation.add(key: rowKey, arguments: try arguments.map { try $0.map { try $0.evaluate(row) } })
        }
        try aggregation.add(key: key, arguments: try arguments.map { try $0.map { try $0.evaluate(requestInput) } })
        return try aggregation.row(forKey: key)
    }
}
