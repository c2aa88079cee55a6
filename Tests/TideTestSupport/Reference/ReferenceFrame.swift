import TideCore

/// The rows of one window, recomputed from scratch from a current row and its history.
///
///     history (oldest first) ............................. current
///     ──[ start bound ............... end bound ]──────────  (0)
///        after EXCLUDE CURRENT_TIME / INSTANCE_NOT_IN_WINDOW, then MAXSIZE keeps the newest n
struct ReferenceFrame {
    /// The window's rows, oldest first (the current row last when it is in the window).
    var rows: [[Value]]
    /// The rows `lag` counts back through, oldest first, ending with the current row.
    var lagRows: [[Value]]

    init(current: [Value], history: [ReferenceCandidate], window: ReferenceWindow) {
        let t = ReferenceSchema.time(current, column: ReferenceSchema.ts)
        var remaining = history
        if window.instanceNotInWindow {
            // §3.7: main-table rows other than the current row are removed.
            remaining = remaining.filter { !$0.isMain }
        }
        if window.excludeCurrentTime {
            // §3.4: every row other than the current row whose ts == t is removed (before ROWS counts).
            remaining = remaining.filter { $0.ts != t }
        }
        // lag ignores the frame bounds, MAXSIZE and EXCLUDE CURRENT_ROW: it is an offset from the
        // current row in the partition (function table: "lag(x,0) is the current row"; OpenMLDB
        // window_attributes.yaml ids 0-8 give lag(val, 1) = the previous row under every frame).
        lagRows = remaining.map(\.row) + [current]
        var inWindow: [[Value]] = []
        var includesCurrent = !window.excludeCurrentRow  // §3.3: only the current row leaves
        switch window.unit {
        case .rows:
            // §3.1 ROWS: history row i (0-based, oldest first) has position i - count; the
            // current row is position 0; a row is in iff start offset ≤ position ≤ end offset.
            let start = Self.rowsStartOffset(window.start)
            let end = Self.rowsEndOffset(window.end)
            let count = Int64(remaining.count)
            for (i, candidate) in remaining.enumerated() {
                let position = Int64(i) - count
                if start <= position, position <= end { inWindow.append(candidate.row) }
            }
            includesCurrent = includesCurrent && start <= 0 && 0 <= end
        case .rowsRange:
            // §3.1 ROWS_RANGE: a preceding row x is in iff t - n ≤ x.ts ≤ t - m (OPEN shifts by 1).
            let lower = Self.rangeLowerBound(window.start, t: t)
            let upper = Self.rangeUpperBound(window.end, t: t)
            for candidate in remaining where lower <= candidate.ts && candidate.ts <= upper {
                inWindow.append(candidate.row)
            }
            // §3.1: the current row is in iff the end bound is CURRENT ROW or 0 PRECEDING.
            includesCurrent = includesCurrent && upper >= t
        }
        if includesCurrent { inWindow.append(current) }
        if let maxSize = window.maxSize, inWindow.count > maxSize {
            // §3.5: after the bounds and EXCLUDE filters, only the n newest rows are kept.
            inWindow = Array(inWindow.suffix(maxSize))
        }
        rows = inWindow
    }

    /// §3.1: `n PRECEDING` → -n, `n OPEN PRECEDING` as a start → -(n-1), UNBOUNDED → -∞.
    static func rowsStartOffset(_ bound: ReferenceBound) -> Int64 {
        switch bound {
        case .unboundedPreceding: return Int64.min
        case .currentRow: return 0
        case .preceding(let n, _, let open): return open ? -(n - 1) : -n
        }
    }

    /// §3.1: `m PRECEDING` → -m, `m OPEN PRECEDING` as an end → -(m+1), CURRENT ROW → 0.
    static func rowsEndOffset(_ bound: ReferenceBound) -> Int64 {
        switch bound {
        case .unboundedPreceding: return Int64.min
        case .currentRow: return 0
        case .preceding(let m, _, let open): return open ? -(m + 1) : -m
        }
    }

    /// §3.1: start `n PRECEDING` → x.ts ≥ t - n; `n OPEN PRECEDING` → x.ts ≥ t - n + 1.
    static func rangeLowerBound(_ bound: ReferenceBound, t: Int64) -> Int64 {
        switch bound {
        case .unboundedPreceding: return Int64.min
        case .currentRow: return t
        case .preceding(let n, let unit, let open):
            let ms = n * unit.milliseconds
            return open ? t - ms + 1 : t - ms
        }
    }

    /// §3.1: end `m PRECEDING` → x.ts ≤ t - m; `m OPEN PRECEDING` → x.ts ≤ t - m - 1.
    static func rangeUpperBound(_ bound: ReferenceBound, t: Int64) -> Int64 {
        switch bound {
        case .unboundedPreceding: return Int64.min
        case .currentRow: return t
        case .preceding(let m, let unit, let open):
            let ms = m * unit.milliseconds
            return open ? t - ms - 1 : t - ms
        }
    }
}
