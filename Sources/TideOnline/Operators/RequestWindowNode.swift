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
    /// A class: each request takes it from the node, which then costs one reference, not one
    /// per array it holds.
    final class Window: Sendable {
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
        /// Per source, the columns its read decodes: those every window of the node reading the
        /// same index keeps, so that one read serves them all (nil: the node's `wanted`).
        let sourceWanted: [[Bool]?]

        init(
            calls: [WindowAggregateCall], offsets: [Int], kernels: [AggregateKernel], everyCall: [WindowAggregateCall],
            everyKernel: [AggregateKernel], typed: [TypedWindowKernel?], categories: [TypedCategoryKernel?],
            partition: [RowEvaluator], order: RowEvaluator?,
            sources: [(plan: PhysicalPlan, binding: IndexBinding?, rank: Int)], used: [Bool]?,
            sourceWanted: [[Bool]?]
        ) {
            self.calls = calls
            self.offsets = offsets
            self.kernels = kernels
            self.everyCall = everyCall
            self.everyKernel = everyKernel
            self.typed = typed
            self.categories = categories
            self.partition = partition
            self.order = order
            self.sources = sources
            self.used = used
            self.sourceWanted = sourceWanted
        }

        /// The same window with only the calls at `kept` (positions in `calls`).
        func keeping(_ kept: [Int]) -> Window {
            Window(
                calls: kept.map { calls[$0] }, offsets: kept.map { offsets[$0] }, kernels: kept.map { kernels[$0] },
                everyCall: everyCall, everyKernel: everyKernel, typed: kept.map { typed[$0] },
                categories: kept.map { categories[$0] }, partition: partition, order: order, sources: sources,
                used: used, sourceWanted: sourceWanted)
        }
    }

    init(_ node: WindowAggregateNode, context: FunctionContext, parameters: [Value]) {
        self.node = node
        width = node.input.columns.count
        wanted = RequestWindowColumns.wanted(node, width: width)
        let used = node.windows.indices.map {
            RequestWindowColumns.used(node, window: $0, width: node.input.columns.count)
        }
        let wantedByIndex = Self.wantedByIndex(node, used: used)
        windows = node.windows.indices.map { w in
            Result {
                try Self.window(
                    w, of: node, used: used[w], wantedByIndex: wantedByIndex, context: context, parameters: parameters)
            }
        }
    }

    /// An index's identity among the node's reads.
    private static func indexKey(_ binding: IndexBinding?) -> [String]? {
        binding.map { [$0.database, $0.table, $0.indexName ?? ""] }
    }

    /// Per index the node's windows read, the columns the windows reading it column by column
    /// keep (a window read row by row decodes no columns).
    private static func wantedByIndex(_ node: WindowAggregateNode, used: [[Bool]?]) -> [[String]: [Bool]] {
        var byIndex: [[String]: [Bool]] = [:]
        for (w, window) in node.windows.enumerated() {
            guard let columns = used[w] else { continue }
            for source in RequestWindowAggregate.historySources(window, input: node.input) {
                guard let key = indexKey(source.binding) else { continue }
                byIndex[key] = byIndex[key].map { zip($0, columns).map { $0 || $1 } } ?? columns
            }
        }
        return byIndex
    }

    private static func window(
        _ w: Int, of node: WindowAggregateNode, used: [Bool]?, wantedByIndex: [[String]: [Bool]],
        context: FunctionContext, parameters: [Value]
    ) throws -> Window {
        let window = node.windows[w]
        let sources = RequestWindowAggregate.historySources(window, input: node.input)
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
            sources: sources, used: used,
            sourceWanted: sources.map { source in indexKey(source.binding).flatMap { wantedByIndex[$0] } })
    }
}
