import TideCore
import TideExec
import TidePlan

/// The request engine: interprets the same physical plan as the batch engine for one request
/// row. Windows and LAST JOINs read stored rows through index seeks and bounded scans
/// (`IndexReader`); every value is computed by TideExec, as in the batch engine. The request
/// row is treated as the newest row of its table, and is not stored.
public struct RequestEngine: Sendable {
    /// Computes a subquery's rows over the stored tables (the batch engine over the online
    /// store), for a LAST JOIN whose right side no index read can produce: a union, a join,
    /// a window or an aggregate over other rows. Rows in the subquery's output order.
    public typealias SubqueryRunner = @Sendable (PhysicalPlan) throws -> [[Value]]

    public var indexes: any IndexReader
    public var context: FunctionContext
    public var parameters: [Value]
    /// Nil: such LAST JOINs are rejected.
    public var subqueries: SubqueryRunner?
    /// Long-window tiles of the deployment being run (nil: every window from rows).
    public var tiles: (any TileReader)?

    public init(
        indexes: any IndexReader, context: FunctionContext, parameters: [Value] = [],
        subqueries: SubqueryRunner? = nil, tiles: (any TileReader)? = nil
    ) {
        self.indexes = indexes
        self.context = context
        self.parameters = parameters
        self.subqueries = subqueries
        self.tiles = tiles
    }

    /// The plan's output row for one request row of the plan's request (main) table, or nil
    /// when the query's WHERE (or LIMIT 0) drops the request row.
    public func execute(_ plan: PhysicalPlan, request: [Value]) throws -> [Value]? {
        try execute(compile(plan), request: request)
    }

    /// `plan` compiled for this engine's requests (its evaluators, kernels and window layouts),
    /// for a plan that answers many.
    public func compile(_ plan: PhysicalPlan) -> CompiledRequestPlan {
        CompiledRequestPlan(plan, context: context, parameters: parameters)
    }

    /// The compiled plan's output row for one request row; `compiled` must come from this
    /// engine's `compile` (or one with the same context and parameters).
    public func execute(_ compiled: CompiledRequestPlan, request: [Value]) throws -> [Value]? {
        try RequestOperatorBuilder(engine: self, request: request, mainTable: compiled.mainTable).row(compiled.root)
    }
}
