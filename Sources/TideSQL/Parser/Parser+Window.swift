import TideCore

extension Parser {
    /// window_spec: "(" [UNION union_source ("," union_source)*] [PARTITION BY expr ("," expr)*]
    ///   [ORDER BY order_item ("," order_item)*] [frame] window_attribute* ")"
    mutating func parseWindowSpec() throws(TideError) -> WindowSpec {
        var spec = WindowSpec(location: location)
        try expectSymbol("(")
        if acceptKeyword("UNION") {
            repeat { spec.unions.append(try parseTablePrimary()) } while acceptSymbol(",")
        }
        if acceptKeywords("PARTITION", "BY") {
            repeat { spec.partitionBy.append(try parseExpr()) } while acceptSymbol(",")
        }
        if acceptKeywords("ORDER", "BY") { spec.orderBy = try parseOrderItems() }
        if isKeyword("ROWS") || isKeyword("ROWS_RANGE") || isKeyword("RANGE") {
            spec.frame = try parseWindowFrame()
        }
        try parseWindowAttributes(into: &spec)
        try expectSymbol(")")
        return spec
    }

    /// frame: (ROWS | ROWS_RANGE | RANGE) (BETWEEN frame_bound AND frame_bound | frame_bound)
    mutating func parseWindowFrame() throws(TideError) -> WindowFrame {
        let start = location
        let unit: WindowFrame.Unit
        if acceptKeyword("ROWS") {
            unit = .rows
        } else if acceptKeyword("ROWS_RANGE") {
            unit = .rowsRange
        } else {
            try expectKeyword("RANGE")
            unit = .range
        }
        if acceptKeyword("BETWEEN") {
            let low = try parseFrameBound()
            try expectKeyword("AND")
            return WindowFrame(unit: unit, start: low, end: try parseFrameBound(), location: start)
        }
        return WindowFrame(unit: unit, start: try parseFrameBound(), end: .currentRow, location: start)
    }

    /// frame_bound: UNBOUNDED (PRECEDING | FOLLOWING) | CURRENT ROW
    ///   | offset [OPEN] (PRECEDING | FOLLOWING)
    /// offset: ["-"] integer | interval (10s, 5m, 2h, 3d)
    mutating func parseFrameBound() throws(TideError) -> FrameBound {
        if acceptKeyword("UNBOUNDED") {
            if acceptKeyword("PRECEDING") { return .unboundedPreceding }
            if acceptKeyword("FOLLOWING") { return .unboundedFollowing }
            throw ParserErrors.expected("PRECEDING or FOLLOWING", found: current)
        }
        if acceptKeywords("CURRENT", "ROW") { return .currentRow }
        // A negative offset parses; the binder judges it (`-1 PRECEDING` is one row ahead).
        let negative = acceptSymbol("-")
        let token = current
        let offset: FrameOffset
        switch token.kind {
        case .integer(let digits, let suffix) where suffix != .float:
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            offset = FrameOffset(negative ? -value : value)
        case .interval(let digits, let unit):
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            offset = FrameOffset(negative ? -value : value, unit: unit)
        default:
            throw ParserErrors.expected(
                "a frame bound (UNBOUNDED, CURRENT ROW, n or an interval like 10s)", found: token)
        }
        advance()
        let open = acceptKeyword("OPEN")
        if acceptKeyword("PRECEDING") { return .preceding(offset, open: open) }
        if acceptKeyword("FOLLOWING") { return .following(offset, open: open) }
        throw ParserErrors.expected("PRECEDING or FOLLOWING", found: current)
    }

    /// window_attribute: EXCLUDE CURRENT_ROW | EXCLUDE CURRENT_TIME | INSTANCE_NOT_IN_WINDOW | MAXSIZE integer
    private mutating func parseWindowAttributes(into spec: inout WindowSpec) throws(TideError) {
        while true {
            let token = current
            if acceptKeyword("EXCLUDE") {
                if acceptKeyword("CURRENT_ROW") {
                    if spec.excludeCurrentRow { throw ParserErrors.duplicate("EXCLUDE CURRENT_ROW", at: token) }
                    spec.excludeCurrentRow = true
                } else if acceptKeyword("CURRENT_TIME") {
                    if spec.excludeCurrentTime { throw ParserErrors.duplicate("EXCLUDE CURRENT_TIME", at: token) }
                    spec.excludeCurrentTime = true
                } else {
                    throw ParserErrors.expected("CURRENT_ROW or CURRENT_TIME after EXCLUDE", found: current)
                }
            } else if acceptKeyword("INSTANCE_NOT_IN_WINDOW") {
                if spec.instanceNotInWindow { throw ParserErrors.duplicate("INSTANCE_NOT_IN_WINDOW", at: token) }
                spec.instanceNotInWindow = true
            } else if acceptKeyword("MAXSIZE") {
                if spec.maxSize != nil { throw ParserErrors.duplicate("MAXSIZE", at: token) }
                let negative = acceptSymbol("-")
                let value = try parseIntegerLiteral("a row count after MAXSIZE")
                spec.maxSize = negative ? -value : value
            } else {
                return
            }
        }
    }
}
