extension ReferenceGenerator {
    /// A random query over every frame form, MAXSIZE, EXCLUDE CURRENT_ROW / CURRENT_TIME,
    /// INSTANCE_NOT_IN_WINDOW, unions and LAST JOIN, restricted to what request mode allows
    /// (§3.11): every window's PARTITION BY / ORDER BY matches an index of `t` and of each
    /// union source; a LAST JOIN's equality and ORDER BY match `p`'s index. A window over a
    /// LAST JOIN has no union sources: its rows have the joined columns, which a union source
    /// (the main table's schema, §3.6) cannot match.
    public static func query(using g: inout SeededGenerator) -> ReferenceQuery {
        let roll = Int.random(in: 0..<10, using: &g)
        let unionCount = roll < 5 ? 0 : roll < 8 ? 1 : 2
        let hasWindow = unionCount > 0 || Int.random(in: 0..<10, using: &g) < 8
        let join = unionCount == 0 && (!hasWindow || Int.random(in: 0..<10, using: &g) < 4)
        // Now and then a second window, with its own frame and union sources (none with a join).
        let windowCount = hasWindow ? Int.random(in: 0..<4, using: &g) == 0 ? 2 : 1 : 0
        let windows = (0..<windowCount).map { i in
            self.window(unionCount: i == 0 || join ? unionCount : Int.random(in: 0...2, using: &g), using: &g)
        }
        let aggregates =
            hasWindow
            ? (0..<Int.random(in: 1...4, using: &g)).map { i in
                aggregate(window: i == 0 ? 0 : Int.random(in: 0..<windowCount, using: &g), using: &g)
            } : []
        let filter =
            Int.random(in: 0..<4, using: &g) == 0
            ? ReferenceFilter(threshold: Int32.random(in: -10...30, using: &g), orNull: Bool.random(using: &g)) : nil
        return ReferenceQuery(
            windows: windows, aggregates: aggregates,
            lastJoin: join ? ReferenceLastJoin(residual: Bool.random(using: &g)) : nil, filter: filter)
    }

    static func window(unionCount: Int, using g: inout SeededGenerator) -> ReferenceWindow {
        let (k, g2) = (ReferenceSchema.k, ReferenceSchema.g)
        let partition = [[k], [k], [g2], [k, g2]]
        let unit: ReferenceFrameUnit = Bool.random(using: &g) ? .rows : .rowsRange
        var start = ReferenceBound.unboundedPreceding
        var end = ReferenceBound.currentRow
        // Draw bounds until the start offset is at most the end offset (a non-inverted frame).
        for _ in 0..<20 {
            start = startBound(unit, using: &g)
            end = endBound(unit, using: &g)
            if unit == .rows {
                if ReferenceFrame.rowsStartOffset(start) <= ReferenceFrame.rowsEndOffset(end) { break }
            } else if ReferenceFrame.rangeLowerBound(start, t: 0) <= ReferenceFrame.rangeUpperBound(end, t: 0) {
                break
            }
            start = .unboundedPreceding
            end = .currentRow
        }
        return ReferenceWindow(
            unionCount: unionCount, partitionBy: partition.randomElement(using: &g) ?? [ReferenceSchema.k],
            unit: unit, start: start, end: end,
            maxSize: unit == .rowsRange && Int.random(in: 0..<3, using: &g) == 0
                ? Int.random(in: 1...4, using: &g) : nil,
            excludeCurrentRow: Int.random(in: 0..<10, using: &g) < 3,
            excludeCurrentTime: Int.random(in: 0..<4, using: &g) == 0,
            instanceNotInWindow: unionCount > 0 && Int.random(in: 0..<10, using: &g) < 3)
    }

    static func startBound(_ unit: ReferenceFrameUnit, using g: inout SeededGenerator) -> ReferenceBound {
        let roll = Int.random(in: 0..<20, using: &g)
        if roll < 3 { return .unboundedPreceding }
        let open = roll >= 14
        if unit == .rows { return .preceding(Int64.random(in: (open ? 1 : 0)...6, using: &g), unit: .ms, open: open) }
        let (amount, timeUnit) = interval(using: &g)
        return .preceding(max(amount, open ? 1 : 0), unit: timeUnit, open: open)
    }

    static func endBound(_ unit: ReferenceFrameUnit, using g: inout SeededGenerator) -> ReferenceBound {
        let roll = Int.random(in: 0..<20, using: &g)
        if roll < 8 { return .currentRow }
        if roll < 10 { return .preceding(0, unit: unit == .rows ? .ms : .s, open: false) }
        let open = roll >= 15
        if unit == .rows { return .preceding(Int64.random(in: (open ? 0 : 1)...3, using: &g), unit: .ms, open: open) }
        let (amount, timeUnit) = interval(using: &g, short: true)
        return .preceding(amount, unit: timeUnit, open: open)
    }

    /// A ROWS_RANGE amount and unit: bare ms, seconds, minutes, now and then hours or days.
    static func interval(using g: inout SeededGenerator, short: Bool = false) -> (Int64, ReferenceTimeUnit) {
        switch Int.random(in: 0..<10, using: &g) {
        case 0..<4: return ([0, 250, 500, 1000, 1500, 3000, 5000].randomElement(using: &g) ?? 0, .ms)
        case 4..<8: return (Int64.random(in: 0...(short ? 3 : 9), using: &g), .s)
        case 8: return (Int64.random(in: 0...1, using: &g), .m)
        default: return (1, Bool.random(using: &g) ? .h : .d)
        }
    }

    static func aggregate(window: Int, using g: inout SeededGenerator) -> ReferenceAggregate {
        let functions: [ReferenceAggregateFunction] = [
            .sum, .count, .min, .max, .avg, .firstValue, .lastValue, .distinctCount,
            .lag(Int.random(in: 0...3, using: &g)), .countWhere(Int32.random(in: -5...30, using: &g)),
            .sumWhere(Int32.random(in: -5...30, using: &g)),
        ]
        return ReferenceAggregate(
            functions.randomElement(using: &g) ?? .sum, ReferenceValueColumn.allCases.randomElement(using: &g) ?? .v,
            window: window)
    }
}
