import TideCore
import TideExec
import TidePlan

extension BatchEngine {
    /// Runs `plan` and hands its rows to `body` batch by batch, in the order `execute` returns
    /// them. Plans made only of scans, filters and projections (row by row: a table exported
    /// as it is or narrowed) stream, so memory is bounded by a batch whatever the table's
    /// size; any other plan is computed whole and handed over as one batch.
    public func stream(_ plan: PhysicalPlan, into body: (ColumnBatch) throws -> Void) throws {
        let plan = ColumnPruning.prune(plan)
        guard Self.streams(plan) else {
            let result = try BatchOperatorBuilder(engine: self, plan: plan).run(plan)
            try body(result)
            ParallelWork.discardInBackground((consume result).columns)
            return
        }
        try streamRowByRow(plan, builder: BatchOperatorBuilder(engine: self, plan: plan), into: body)
    }

    private static func streams(_ plan: PhysicalPlan) -> Bool {
        switch plan {
        case .scan: return true
        case .filter(let node): return streams(node.input)
        case .project(let node): return streams(node.input)
        default: return false
        }
    }

    private func streamRowByRow(
        _ plan: PhysicalPlan, builder: BatchOperatorBuilder, into body: (ColumnBatch) throws -> Void
    ) throws {
        switch plan {
        case .scan(let node):
            var iterator = try sources.source(for: node).scan(batchSize: batchSize, columns: node.readColumns)
            let width = node.columns.count
            while let batch = try iterator.next() {
                try context.checkInterrupt()
                if batch.columns.count == width {
                    try body(batch)
                } else {
                    try body(ColumnBatch(columns: Array(batch.columns.prefix(width)), count: batch.count))
                }
            }
        case .filter(let node):
            try streamRowByRow(node.input, builder: builder) { batch in
                let kept = try BatchFilter.run(node, input: batch, builder: builder)
                if kept.count > 0 { try body(kept) }
            }
        case .project(let node):
            try streamRowByRow(node.input, builder: builder) { batch in
                try body(try BatchProject.run(node, input: batch, builder: builder))
            }
        default:
            try body(try builder.run(plan))
        }
    }
}
