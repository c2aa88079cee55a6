import TideCore
import TideExec
import TidePlan

/// Runs each plan node with its batch operator. The switch is exhaustive (no `default:`), so
/// a new plan node does not compile until the batch engine handles it.
struct BatchOperatorBuilder {
    let engine: BatchEngine
    /// The columns of tables `plan` scans more than once, read once.
    let sharedScans: SharedScans

    /// A builder for running `plan` (and its parts).
    init(engine: BatchEngine, plan: PhysicalPlan) {
        self.engine = engine
        sharedScans = SharedScans(plan)
    }

    var context: FunctionContext { engine.context }

    func run(_ plan: PhysicalPlan) throws -> ColumnBatch {
        try context.checkInterrupt()
        switch plan {
        case .scan(let node): return try sharedScans.scan(node, engine: engine)
        case .singleRow: return ColumnBatch(columns: [], count: 1)
        case .filter(let node): return try BatchFilter.run(node, input: try run(node.input), builder: self)
        case .project(let node): return try BatchProject.run(node, input: try run(node.input), builder: self)
        case .windowAggregate(let node): return try BatchWindowAggregate.run(node, builder: self)
        case .lastJoin(let node): return try BatchLastJoin.run(node, builder: self)
        case .join(let node): return try BatchJoin.run(node, builder: self)
        case .groupAggregate(let node):
            return try BatchGroupAggregate.run(node, input: try run(node.input), builder: self)
        case .sort(let node): return try BatchSort.run(node, input: try run(node.input), builder: self)
        case .limit(let node):
            let input = try run(node.input)
            let count = min(input.count, Int(clamping: max(0, node.count)))
            return ColumnBatch(columns: input.columns.map { Array($0.prefix(count)) }, count: count)
        case .union(let node):
            var columns = Array(repeating: [Value](), count: plan.columns.count)
            var count = 0
            for input in node.inputs {
                let batch = try run(input)
                for c in columns.indices { columns[c].append(contentsOf: batch.columns[c]) }
                count += batch.count
            }
            let all = ColumnBatch(columns: columns, count: count)
            return node.distinct ? BatchDistinct.run(all) : all
        case .distinct(let node): return BatchDistinct.run(try run(node.input))
        }
    }

    /// Evaluates an expression over every row of a batch.
    /// Checks the statement's timeout and cancel at every 1,024th row of a per-row loop.
    func checkInterrupt(atRow row: Int) throws(TideError) {
        if row & 1023 == 0 { try context.checkInterrupt() }
    }

    func evaluate(_ expr: BoundExpr, over batch: ColumnBatch) throws -> [Value] {
        try context.checkInterrupt()
        return try BatchEvaluator(expr, context: context, parameters: engine.parameters).evaluate(batch)
    }

    /// A batch made of the given rows (positions) of `batch`.
    static func gather(_ batch: ColumnBatch, _ rows: [Int]) -> ColumnBatch {
        ColumnBatch(columns: batch.columns.map { column in rows.map { column[$0] } }, count: rows.count)
    }
}
