import TideCore
import TideExec
import TidePlan

/// A window node compiled for requests, once per deployment: which input columns its reads
/// decode, and per window its calls, their aggregate and typed kernels, its PARTITION BY and
/// ORDER BY evaluators and its history sources. A request then only reads, orders and
/// aggregates. Anything that cannot be compiled (an unknown aggregate, a parameter without a
/// value) is kept as its error and thrown by the first request that needs it, as before.
struct RequestWindowNode: Sendable {
    let node: WindowAggregateNode
    /// The input columns the reads decode (`RequestWindowColumns.wanted`), for input rows of
    /// `width` values.
    let wanted: [Bool]?
    let width: Int
    /// Per window of `node.windows`.
    let windows: [Result<Window, any Error>]

    /// One window's calls (with their positions among the node's aggregates) and what they need.
    struct Window: Sendable {
        let calls: [WindowAggregateCall]
        let offsets: [Int]
        let kernels: [AggregateKernel]
        /// The calls with the calls nested in their arguments, and their kernels (the frame reach).
        let everyCall: [WindowAggregateCall]
        let everyKernel: [AggregateKernel]
        /// Per call, its typed kernel (nil: boxed values) and its `_cate` kernel.
        let typed: [TypedWindowKernel?]
        let categories: [TypedCategoryKernel?]
        let partition: [RowEvaluator]
        let order: RowEvaluator?
        let sources: [(plan: PhysicalPlan, binding: IndexBinding?, rank: Int)]
        /// The input columns its history keeps (`RequestWindowColumns.used`), for input rows of
        /// the node's width.
        let used: [Bool]?

        /// The same window with only the calls at `kept` (positions in `calls`).
        func keeping(_ kept: [Int]) -> Window {
            Window(
                calls: kept.map { calls[$0] }, offsets: kept.map { offsets[$0] }, kernels: kept.map { kernels[$0] },
                everyCall: everyCall, everyKernel: everyKernel, typed: kept.map { typed[$0] },
                categories: kept.map { categories[$0] }, partition: partition, order: order, sources: sources,
                used: used)
        }
    }

    init(_ node: WindowAggregateNode, context: FunctionContext, parameters: [Value]) {
        self.node = node
        width = node.input.columns.count
        wanted = RequestWindowColumns.wanted(node, width: width)
        windows = node.windows.indices.map { w in
            Result {
                try Self.window(w, of: node, context: context, parameters: parameters)
            }
        }
    }

    private static func window(_ w: Int, of node: WindowAggregateNode, context: FunctionContext, parameters: [Value])
        throws -> Window
    {
        let window = node.windows[w]
        let selected = node.aggregates.enumerated().filter { $0.element.window == w }
        let calls = selected.map(\.element)
        let kernels = try calls.map { try FunctionLibrary.aggregateKernel($0.signature) }
        let everyCall = calls.flatMap(\.withNested)
        let everyKernel =
            everyCall.count == calls.count
            ? kernels : try everyCall.map { try FunctionLibrary.aggregateKernel($0.signature) }
        return Window(
            calls: calls, offsets: selected.map(\.offset), kernels: kernels, everyCall: everyCall,
            everyKernel: everyKernel,
            typed: calls.map { $0.overElements ? nil : TypedWindowKernel($0.signature) },
            categories: calls.map { $0.overElements ? nil : TypedCategoryKernel($0.signature) },
            partition: try window.partitionBy.map { try RowEvaluator($0, context: context, parameters: parameters) },
            order: try window.orderBy.map { try RowEvaluator($0, context: context, parameters: parameters) },
            sources: RequestWindowAggregate.historySources(window, input: node.input),
            used: RequestWindowColumns.used(node, window: w, width: node.input.columns.count))
    }
}
