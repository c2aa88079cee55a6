import TideCore
import TidePlan

/// Evaluates a window's aggregates for every emitted row of a partition, incrementally:
/// frames slide forward, so each aggregate state takes the rows that enter (`update`) and
/// gives back the rows that leave (`retract`). Aggregates that cannot retract, and frames
/// that move backwards (EXCLUDE CURRENT_TIME), are rebuilt from the frame's rows instead.
///
/// Both engines call this: the batch engine with whole partitions, the request engine with
/// the stored history plus the request row as the one emitted row.
public struct WindowAggregation {
    public var kernels: [AggregateKernel]
    /// Per aggregate, its typed kernel where it has one: run over the arguments unboxed when
    /// they unbox (the same results; the property tests compare the two), boxed otherwise.
    public var typed: [TypedWindowKernel?]
    /// Per aggregate, its category kernel where it is one of the `*_cate` family it serves.
    public var categories: [TypedCategoryKernel?]
    public var context: FunctionContext

    public init(
        kernels: [AggregateKernel], typed: [TypedWindowKernel?] = [], categories: [TypedCategoryKernel?] = [],
        context: FunctionContext
    ) {
        self.kernels = kernels
        self.typed = typed
        self.categories = categories
        self.context = context
    }

    /// - Parameters:
    ///   - arguments: `arguments[a][k][p]` is aggregate `a`'s `k`-th argument for partition row `p`.
    /// - Returns: `results[a][f]`: aggregate `a`'s value for frame `f` of `ranges.frames`.
    ///   - currentCandidates: `WindowSlide.currentCandidates(ranges)` when the caller already has it.
    public func run(
        _ ranges: WindowFrameRanges, arguments: [[[Value]]], currentCandidates known: [Int?]? = nil
    ) throws -> [[Value]] {
        let currentCandidates = known ?? WindowSlide.currentCandidates(ranges)
        return try kernels.enumerated().map { a, kernel in
            if a < typed.count, let typedKernel = typed[a],
                let values = try Self.runTyped(typedKernel, ranges, currentCandidates, arguments: arguments[a])
            {
                return values
            }
            if a < categories.count, let category = categories[a], category.keyArgument < arguments[a].count,
                let keys = ColumnValues.stringCodes(arguments[a][category.keyArgument])
            {
                return try category.run(
                    ranges, currentCandidates: currentCandidates, values: .boxed(arguments[a][0]), keys: keys,
                    conditions: category.conditionArgument.map { arguments[a][$0] }, context: context)
            }
            var state = AggregatorSlidingState(kernel: kernel, context: context, columns: arguments[a])
            return try WindowSlide.run(
                &state, ranges: ranges, currentCandidates: currentCandidates, retractable: kernel.retractable,
                ignoresFrame: kernel.ignoresFrame)
        }
    }

    /// A typed kernel's values for every frame, nil when an argument does not unbox.
    private static func runTyped(
        _ kernel: TypedWindowKernel, _ ranges: WindowFrameRanges, _ currentCandidates: [Int?], arguments: [[Value]]
    ) throws -> [Value]? {
        var columns: [TypedColumn?] = []
        var codes: (codes: [Int32], count: Int32)?
        for (k, input) in kernel.inputs.enumerated() where k < arguments.count {
            switch input {
            case .column(let type):
                guard let column = TypedColumn(arguments[k], type: type) else { return nil }
                columns.append(column)
            case .codes(let type):
                var coder = DistinctCoder(type: type)
                guard let coded = try coder.codes(arguments[k]) else { return nil }
                codes = (coded, coder.count)
                columns.append(nil)
            }
        }
        guard columns.count == kernel.inputs.count else { return nil }
        return try kernel.run(ranges, currentCandidates: currentCandidates, columns: columns, codes: codes)
    }
}
