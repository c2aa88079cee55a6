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
    public var context: FunctionContext

    public init(kernels: [AggregateKernel], context: FunctionContext) {
        self.kernels = kernels
        self.context = context
    }

    /// - Parameters:
    ///   - arguments: `arguments[a][k][p]` is aggregate `a`'s `k`-th argument for partition row `p`.
    /// - Returns: `results[a][f]`: aggregate `a`'s value for frame `f` of `ranges.frames`.
    public func run(_ ranges: WindowFrameRanges, arguments: [[[Value]]]) throws -> [[Value]] {
        let currentCandidates = WindowSlide.currentCandidates(ranges)
        return try kernels.enumerated().map { a, kernel in
            var state = AggregatorSlidingState(kernel: kernel, context: context, columns: arguments[a])
            return try WindowSlide.run(
                &state, ranges: ranges, currentCandidates: currentCandidates, retractable: kernel.retractable,
                ignoresFrame: kernel.ignoresFrame)
        }
    }
}
