import TideCore
import TideExec
import TidePlan

/// Keeps the rows whose predicate is TRUE.
enum BatchFilter {
    static func run(_ node: FilterNode, input: ColumnBatch, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let keep = try builder.evaluate(node.predicate, over: input)
        let rows = (0..<input.count).filter { Predicates.isTrue(keep[$0]) }
        return BatchOperatorBuilder.gather(input, rows)
    }
}
