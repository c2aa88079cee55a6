import TideCore
import TidePlan

/// The rows of one window partition, oldest first, in TideDB's window order
/// `(order value, source rank, seq)` (SEMANTICS.md, TideDB decision 1): among equal order
/// values, union rows come before main-table rows (later union sources first) and main rows
/// keep arrival order, so the current row is the newest of its order value.
public struct WindowPartitionRows: Sendable {
    /// The ORDER BY value of each row (0 for every row of an unordered window).
    public var orders: [Int64]
    /// True for rows of the main table (or the request row); false for union-source rows.
    public var isMain: [Bool]
    /// True for rows that need a result (main rows in batch mode; the request row in request mode).
    public var emit: [Bool]

    public init(orders: [Int64], isMain: [Bool], emit: [Bool]) {
        self.orders = orders
        self.isMain = isMain
        self.emit = emit
    }

    public var count: Int { orders.count }
}

/// One emitted row's window: a contiguous run of history candidates plus, possibly, the
/// current row itself.
///
///     candidates (union rows + earlier main rows, oldest first)
///     ─────────[lower ............ upper)──────  current
///                   history part             + current if includesCurrent
public struct WindowFrameRange: Sendable, Hashable {
    /// The emitted (current) row's position in the partition.
    public var row: Int
    /// Positions into `WindowFrameRanges.candidates`: the history rows in the window.
    public var lower: Int
    public var upper: Int
    public var includesCurrent: Bool
    /// End of every candidate before the current row, whatever the frame (EXCLUDE
    /// CURRENT_TIME still leaves out the current row's peers): what `lag` counts back through.
    public var historyEnd: Int
}

/// Frame arithmetic shared by both engines: which rows each emitted row's window holds,
/// for ROWS and ROWS_RANGE frames with OPEN bounds, EXCLUDE CURRENT_ROW / CURRENT_TIME,
/// INSTANCE_NOT_IN_WINDOW and MAXSIZE, exactly as SEMANTICS.md §3.1–3.7 define them.
public struct WindowFrameRanges: Sendable {
    /// Partition positions of the rows that may enter windows as history (union rows, and
    /// main rows unless INSTANCE_NOT_IN_WINDOW), oldest first.
    public var candidates: [Int]
    /// One range per emitted row, in partition order.
    public var frames: [WindowFrameRange]

    public init(window: WindowSpecification, rows: WindowPartitionRows) {
        let last = rows.count - 1
        if last >= 0, rows.emit[last], !rows.emit[..<last].contains(true) {
            // Only the newest row emits (a request): its candidates are every earlier row that
            // may enter windows, taken whole instead of row by row.
            let candidates: [Int]
            let candidateOrders: [Int64]
            if window.instanceNotInWindow {
                candidates = (0..<last).filter { !rows.isMain[$0] }
                candidateOrders = candidates.map { rows.orders[$0] }
            } else {
                candidates = Array(0..<last)
                candidateOrders = Array(rows.orders[..<last])
            }
            self.candidates = candidates
            self.frames = [Self.frame(of: last, t: rows.orders[last], candidateOrders: candidateOrders, window: window)]
            return
        }
        var candidates: [Int] = []
        var candidateOrders: [Int64] = []
        var frames: [WindowFrameRange] = []
        candidates.reserveCapacity(rows.count)
        candidateOrders.reserveCapacity(rows.count)
        for p in 0..<rows.count {
            if rows.emit[p] {
                frames.append(Self.frame(of: p, t: rows.orders[p], candidateOrders: candidateOrders, window: window))
            }
            if !rows.isMain[p] || !window.instanceNotInWindow {
                candidates.append(p)
                candidateOrders.append(rows.orders[p])
            }
        }
        self.candidates = candidates
        self.frames = frames
    }

    /// The frame of the row at partition position `p` (order value `t`), whose history
    /// candidates so far have the order values `candidateOrders`, oldest first, all ≤ `t`.
    private static func frame(
        of p: Int, t: Int64, candidateOrders: [Int64], window: WindowSpecification
    ) -> WindowFrameRange {
        let frame = window.frame
        var upper = candidateOrders.count
        if window.excludeCurrentTime {
            // Rows sharing the current order value leave the window (§3.4).
            upper = firstIndex(in: candidateOrders, upTo: upper) { $0 >= t }
        }
        let historyEnd = upper
        var lower = 0
        var includesCurrent = !window.excludeCurrentRow
        switch frame.unit {
        case .rows:
            // The k-th most recent history row has offset -k; it is in iff start ≤ -k ≤ end (§3.1).
            includesCurrent = includesCurrent && frame.end >= 0 && (frame.start ?? -1) <= 0
            let nearest = max(1, frame.end == Int64.min ? Int64.max : -frame.end)
            upper = max(0, upper - Int(clamping: nearest - 1))
            if let start = frame.start {
                let farthest = -start
                let count = farthest - nearest + 1
                lower = count <= 0 ? upper : max(0, upper - Int(clamping: count))
            }
        case .rowsRange:
            // History rows with order value in [t + start, t + end] (§3.1).
            includesCurrent = includesCurrent && frame.end >= 0
            if frame.end < 0 {
                let last = t &+ frame.end
                upper = firstIndex(in: candidateOrders, upTo: upper) { $0 > last }
            }
            if let start = frame.start {
                let first = t &+ start
                lower = firstIndex(in: candidateOrders, upTo: upper) { $0 >= first }
            }
        }
        lower = min(lower, upper)
        if let maxSize = window.maxSize {
            // Only the newest `maxSize` rows stay; the current row counts when included (§3.5).
            let room = Int(clamping: maxSize) - (includesCurrent ? 1 : 0)
            lower = max(lower, upper - max(0, room))
        }
        return WindowFrameRange(
            row: p, lower: lower, upper: upper, includesCurrent: includesCurrent, historyEnd: historyEnd)
    }

    /// The first index in `orders[0..<end]` where `predicate` holds (it must hold for a suffix), else `end`.
    static func firstIndex<T>(in orders: [T], upTo end: Int, where predicate: (T) -> Bool) -> Int {
        var low = 0
        var high = end
        while low < high {
            let mid = (low + high) / 2
            if predicate(orders[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
