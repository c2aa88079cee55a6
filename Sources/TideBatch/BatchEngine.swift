import TideCore
import TideExec
import TidePlan

/// Where the batch engine reads tables: the offline store, or the online store for online
/// preview. TideDB provides it; tests use in-memory sources.
public protocol TableSourceProvider: Sendable {
    func source(for table: TableDef) throws -> any TableSource
    /// The rows of one index key (online preview's `WHERE key = value`); by default the
    /// whole table, which the filter above the scan narrows the same way.
    func source(for table: TableDef, lookup: IndexLookup) throws -> any TableSource
    /// The rows a scan node reads; by default its lookup's or the whole table. Online preview
    /// also follows the node's `keptBy` index and `tabletOrder`.
    func source(for scan: ScanNode) throws -> any TableSource
}

extension TableSourceProvider {
    public func source(for table: TableDef, lookup: IndexLookup) throws -> any TableSource {
        try source(for: table)
    }

    public func source(for scan: ScanNode) throws -> any TableSource {
        if let lookup = scan.lookup { return try source(for: scan.table, lookup: lookup) }
        return try source(for: scan.table)
    }
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
    /// Tables are read only as far as the plan uses their columns (`ColumnPruning`).
    public func execute(_ plan: PhysicalPlan) throws -> ColumnBatch {
        let pruned = ColumnPruning.prune(plan)
        return try BatchOperatorBuilder(engine: self, plan: pruned).run(pruned)
    }

    /// Runs `plan` and returns its rows.
    public func rows(_ plan: PhysicalPlan) throws -> [[Value]] {
        let batch = try execute(plan)
        return (0..<batch.count).map(batch.row)
    }
}
