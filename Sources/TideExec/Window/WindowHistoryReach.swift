import TideCore
import TidePlan

/// How far back one row's window reaches into the stored history, derived from the frame
/// arithmetic of `WindowFrameRanges` so that an index read returns a superset of the history
/// rows any frame of that row holds: the request engine reads exactly this, per source.
public struct WindowHistoryReach: Sendable, Hashable {
    /// The oldest order value a history row in the frame can have (nil: no lower bound).
    public var from: Int64?
    /// The newest order value a history row in the frame can have.
    public var to: Int64
    /// The most history rows the frame can hold, counted from the newest within `[from, to]`
    /// (nil: no limit).
    public var limit: Int?
    /// The newest order value of any history row before the current one, whatever the frame
    /// (what `lag` counts back through: `WindowFrameRange.historyEnd`).
    public var historyEnd: Int64

    /// The reach of `window`'s frame for a current row with order value `t`.
    public init(window: WindowSpecification, t: Int64) {
        let frame = window.frame
        // History rows never come after the current row; EXCLUDE CURRENT_TIME drops its peers (§3.4).
        historyEnd = window.excludeCurrentTime ? t &- 1 : t
        var to = historyEnd
        var from: Int64?
        var limit: Int?
        switch frame.unit {
        case .rowsRange:
            // Order values in [t + start, t + end] (§3.1); MAXSIZE keeps the newest of them (§3.5).
            if frame.end < 0 { to = min(to, t &+ frame.end) }
            from = frame.start.map { t &+ $0 }
            limit = window.maxSize.map { Int(clamping: $0) }
        case .rows:
            // The k-th most recent history row has offset -k: at most -start of them (§3.1).
            limit = frame.start.map { Int(clamping: -$0) }
            if let maxSize = window.maxSize { limit = min(limit ?? Int.max, Int(clamping: maxSize)) }
        }
        self.from = from
        self.to = to
        self.limit = limit
    }
}
