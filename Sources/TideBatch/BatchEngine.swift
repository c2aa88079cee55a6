import TideCore
import TideExec
import TidePlan

/// Where the batch engine reads tables: the offline store, or the online store for online
/// preview. TideDB provides it; tests use in-memory sources.
public protocol TableSourceProvider: Sendable {
    func source(for table: TableDef) throws -> any TableSource
}

/// The offline engine: interprets a physical plan over whole tables, column batch by column
/// batch, with partitions of window aggregates computed in parallel. Every value it computes
/// comes from TideExec (evaluators, aggregates, frame arithmetic), the code the request
/// engine uses too.
public struct BatchEngine: Sendable {
    public var sources: any TableSourceProvider
    public var context: FunctionContext
    public var parameters: [Value]
    /// Rows per batch read from sources.
    public var batchSize: Int

    public init(
        sources: any TableSourceProvider, context: FunctionContext, parameters: [Value] = [], batchSize: Int = 65_536
    ) {
        self.sources = sources
        self.context = context
        self.parameters = parameters
        self.batchSize = batchSize
    }

    /// Runs `plan` and returns its rows as one batch (columns in the plan's order).
    public func execute(_ plan: PhysicalPlan) throws -> ColumnBatch {
        try BatchOperatorBuilder(engine: self).run(plan)
    }

    /// Runs `plan` and returns its rows.
    public func rows(_ plan: PhysicalPlan) throws -> [[Value]] {
        let batch = try execute(plan)
        return (0..<batch.count).map(batch.row)
    }
}
