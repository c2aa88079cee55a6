import TideCore
import TidePlan

/// Computes the output columns.
enum BatchProject {
    static func run(_ node: ProjectNode, input: ColumnBatch, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        var columns: [[Value]] = []
        for expr in node.expressions {
            if case .column(let ref) = expr, ref.index < input.columns.count {
                columns.append(input.columns[ref.index])
            } else {
                columns.append(try builder.evaluate(expr, over: input))
            }
        }
        return ColumnBatch(columns: columns, count: input.count)
    }
}
