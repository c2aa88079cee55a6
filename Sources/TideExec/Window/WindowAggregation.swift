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
        // Where each emitted row sits among the candidates (nil if it is not one).
        let currentCandidate = ranges.frames.map { frame -> Int? in
            let i = WindowFrameRanges.firstIndex(in: ranges.candidates, upTo: ranges.candidates.count) {
                $0 >= frame.row
            }
            return i < ranges.candidates.count && ranges.candidates[i] == frame.row ? i : nil
        }
        var results: [[Value]] = []
        for (a, kernel) in kernels.enumerated() {
            let columns = arguments[a]
            var scratch = [Value](repeating: .null, count: columns.count)
            func row(_ p: Int) -> [Value] {
                for k in columns.indices { scratch[k] = columns[k][p] }
                return scratch
            }
            var out: [Value] = []
            out.reserveCapacity(ranges.frames.count)
            var state = kernel.make(context)
            var low = 0
            var high = 0
            for (f, original) in ranges.frames.enumerated() {
                var frame = original
                if kernel.ignoresFrame {
                    // Every candidate before the current row, then the current row.
                    frame.lower = 0
                    frame.upper = original.historyEnd
                    frame.includesCurrent = true
                }
                // When the current row is itself the next candidate, the frame is one contiguous run.
                var end = frame.upper
                var extraCurrent = frame.includesCurrent
                if frame.includesCurrent, currentCandidate[f] == frame.upper {
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
                    try state.update(row(ranges.candidates[high]))
                    high += 1
                }
                while low < begin {
                    try state.retract(row(ranges.candidates[low]))
                    low += 1
                }
                if extraCurrent {
                    var withCurrent = state
                    try withCurrent.update(row(frame.row))
                    out.append(try withCurrent.result())
                } else {
                    out.append(try state.result())
                }
            }
            results.append(out)
        }
        return results
    }
}
