import TideCore
import TidePlan

/// A stable sort on the keys: NULLs first ascending, last descending.
enum BatchSort {
    static func run(_ node: SortNode, input: ColumnBatch, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let keys = try node.keys.map { try builder.evaluate($0.expr, over: input) }
        let order = (0..<input.count).sorted { a, b in
            for (k, key) in node.keys.enumerated() {
                let c = Value.sortOrder(keys[k][a], keys[k][b])
                if c != 0 { return key.descending ? c > 0 : c < 0 }
            }
            return a < b
        }
        return BatchOperatorBuilder.gather(input, order)
    }
}
