import TideCore

/// An aggregate's running state as the frame walk drives it: rows enter and leave by their
/// position in the partition, oldest first, so a state may rely on first-in, first-out order.
public protocol WindowSlidingState {
    /// Forgets every row (the frame moved backwards, or the aggregate cannot retract).
    mutating func clear()
    mutating func add(_ position: Int) throws
    /// Takes back the oldest row still in the state, which is at `position`.
    mutating func remove(_ position: Int) throws
    /// The aggregate over the rows in the state, and over the row at `current` as well when it
    /// is given (without keeping it).
    mutating func result(adding current: Int?) throws -> Value
    /// The aggregate over exactly the rows at `positions` (oldest first), and the row at
    /// `current` as well when it is given: what `clear()`, `add` of each position and
    /// `result(adding:)` give, which is the default. A request's only frame is computed so;
    /// a state may do it in one pass. The state is left unspecified: the walk clears it first.
    mutating func result(over positions: ArraySlice<Int>, adding current: Int?) throws -> Value
}

extension WindowSlidingState {
    public mutating func result(over positions: ArraySlice<Int>, adding current: Int?) throws -> Value {
        clear()
        for position in positions { try add(position) }
        return try result(adding: current)
    }
}

/// The frame walk both engines share: each emitted row's frame is reached from the previous
/// one by adding the rows that enter and removing the rows that leave, or rebuilt when the
/// frame moves backwards (EXCLUDE CURRENT_TIME) or the aggregate cannot retract.
public enum WindowSlide {
    /// Where each emitted row sits among the candidates (nil if it is not one).
    public static func currentCandidates(_ ranges: WindowFrameRanges) -> [Int?] {
        let candidates = ranges.candidates
        var out: [Int?] = []
        out.reserveCapacity(ranges.frames.count)
        // Frames come in row order and candidates are ascending: one merge, not a search per frame.
        var i = 0
        var previous = Int.min
        for frame in ranges.frames {
            if frame.row < previous {
                i = WindowFrameRanges.firstIndex(in: candidates, upTo: candidates.count) { $0 >= frame.row }
            }
            previous = frame.row
            while i < candidates.count && candidates[i] < frame.row { i += 1 }
            out.append(i < candidates.count && candidates[i] == frame.row ? i : nil)
        }
        return out
    }

    /// The aggregate's value for every frame of `ranges`, in order.
    public static func run<State: WindowSlidingState>(
        _ state: inout State, ranges: WindowFrameRanges, currentCandidates: [Int?], retractable: Bool,
        ignoresFrame: Bool
    ) throws -> [Value] {
        var out: [Value] = []
        out.reserveCapacity(ranges.frames.count)
        /// Frame `f`'s candidates `begin..<end`, and whether its current row is added apart.
        func bounds(_ f: Int) -> (begin: Int, end: Int, extraCurrent: Bool) {
            var frame = ranges.frames[f]
            if ignoresFrame {
                // Every candidate before the current row, then the current row.
                frame.lower = 0
                frame.upper = frame.historyEnd
                frame.includesCurrent = true
            }
            // When the current row is itself the next candidate, the frame is one contiguous run.
            var end = frame.upper
            var extraCurrent = frame.includesCurrent
            if frame.includesCurrent, currentCandidates[f] == frame.upper {
                end = frame.upper + 1
                extraCurrent = false
            }
            return (min(frame.lower, end), end, extraCurrent)
        }
        if ranges.frames.count == 1 {
            // One frame (a request): its rows in one pass, nothing to slide.
            let (begin, end, extraCurrent) = bounds(0)
            let current = extraCurrent ? ranges.frames[0].row : nil
            out.append(try state.result(over: ranges.candidates[begin..<end], adding: current))
            return out
        }
        state.clear()
        var low = 0
        var high = 0
        for f in ranges.frames.indices {
            let (begin, end, extraCurrent) = bounds(f)
            let frame = ranges.frames[f]
            let canSlide = begin >= low && end >= high && (begin == low || retractable)
            if !canSlide {
                state.clear()
                low = begin
                high = begin
            }
            while high < end {
                try state.add(ranges.candidates[high])
                high += 1
            }
            while low < begin {
                try state.remove(ranges.candidates[low])
                low += 1
            }
            out.append(try state.result(adding: extraCurrent ? frame.row : nil))
        }
        return out
    }
}
