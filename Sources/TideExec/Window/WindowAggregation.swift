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
    ///   - arguments: `arguments[a][p]` is aggregate `a`'s argument list for partition row `p`.
    /// - Returns: `results[f][a]`, for each frame `f` of `ranges.frames` in order.
    public func run(_ ranges: WindowFrameRanges, arguments: [[[Value]]]) throws -> [[Value]] {
        var results = Array(repeating: [Value](), count: ranges.frames.count)
        for (a, kernel) in kernels.enumerated() {
            let rowArguments = arguments[a]
            var state = kernel.make(context)
            var low = 0
            var high = 0
            var candidateIndex: [Int: Int] = [:]
            for (i, p) in ranges.candidates.enumerated() { candidateIndex[p] = i }
            for (f, original) in ranges.frames.enumerated() {
                var frame = original
                if kernel.ignoresFrame {
                    // Every candidate before the current row, then the current row.
                    frame.lower = 0
                    frame.upper = WindowFrameRanges.firstIndex(in: ranges.candidates, upTo: ranges.candidates.count) {
                        $0 >= original.row
                    }
                    frame.includesCurrent = true
                }
                // When the current row is itself the next candidate, the frame is one contiguous run.
                var end = frame.upper
                var extraCurrent = frame.includesCurrent
                if frame.includesCurrent, let i = candidateIndex[frame.row], i == frame.upper {
                    end = frame.upper + 1
                    extraCurrent = false
                }
                let begin = min(frame.lower, end)
                let canSlide = begin >= low && end >= high && (begin == low || kernel.retractable)
                if !canSlide {
                    state = kernel.make(context)
                    low = begin
                    high = begin
                }
                while high < end {
                    try state.update(rowArguments[ranges.candidates[high]])
                    high += 1
                }
                while low < begin {
                    try state.retract(rowArguments[ranges.candidates[low]])
                    low += 1
                }
                if extraCurrent {
                    var withCurrent = state
                    try withCurrent.update(rowArguments[frame.row])
                    results[f].append(try withCurrent.result())
                } else {
                    results[f].append(try state.result())
                }
            }
        }
        return results
    }
}
