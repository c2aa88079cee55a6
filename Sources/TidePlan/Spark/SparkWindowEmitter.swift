import TideCore

/// Lowers a window aggregate node. Spark's frames differ from OpenMLDB's in one way that
/// matters: a RANGE frame ending at CURRENT ROW takes every row with the current timestamp,
/// while a ROWS_RANGE frame takes only those up to the current row in order (ties broken by
/// source rank, then seq). So a ROWS_RANGE frame that ends at the current row is computed in
/// two parts and combined (`SparkAggregateLowering`):
///
///     older: PARTITION BY p ORDER BY ts RANGE BETWEEN n PRECEDING AND 1 PRECEDING
///     peers: PARTITION BY p, ts ORDER BY src, seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
///
/// (EXCLUDE CURRENT_ROW ends `peers` at 1 PRECEDING; EXCLUDE CURRENT_TIME keeps only the
/// current row of it). ROWS frames are exact in Spark once ties are ordered.
///
/// WINDOW ... UNION: the main rows and each union source's rows are put together (`__src`
/// 0 for the main table, -j for union source j, so rows at one timestamp are ordered as
/// TideBatch orders them), the windows computed over that, and only the main rows kept;
/// windows with different union sources are computed apart and joined back by `__seq`.
/// INSTANCE_NOT_IN_WINDOW masks the main rows out of the parts and adds the current row.
/// A NULL order value is ordered first (as TideBatch's `Int64.min`), and such a row's own
/// frame is taken from the rows that TideBatch's frame arithmetic gives it.
struct SparkWindowEmitter {
    let emitter: SparkSQLEmitter

    /// The order value a NULL gets: first, as TideBatch's `Int64.min` (`WindowOrder.orderValue`),
    /// but far enough from the end of the range that Spark's frame bounds (`key - n`) cannot
    /// wrap around, which would break Spark's assumption that bounds grow with the key. The
    /// rows TideBatch's wrapping arithmetic gives a NULL-ordered row are taken separately
    /// (`frame(of:)`), and frame offsets are limited to `maxOffset`.
    static let nullOrder = "CAST(-4611686018427387904 AS BIGINT)"
    static let maxOffset: Int64 = 1 << 60

    func relation(_ node: WindowAggregateNode, alias: String) throws(TideError) -> String {
        let width = node.input.columns.count
        // Windows grouped by their union sources.
        var groups: [(unions: [PhysicalPlan], windows: [Int])] = []
        for (w, window) in node.windows.enumerated() {
            try check(window)
            if let g = groups.firstIndex(where: { $0.unions == window.unions }) {
                groups[g].windows.append(w)
            } else {
                groups.append((window.unions, [w]))
            }
        }
        var computed: [(relation: String, aggregates: [Int])] = []
        for (g, group) in groups.enumerated() {
            let aggregates = node.aggregates.indices.filter { group.windows.contains(node.aggregates[$0].window) }
            if aggregates.isEmpty { continue }
            computed.append(
                (try groupRelation(node, unions: group.unions, aggregates: aggregates, alias: "g\(g)"), aggregates))
        }
        if computed.count == 1, let only = computed.first, groups.count == 1, groups[0].unions.isEmpty {
            return only.relation.replacingOccurrences(ofAlias: "g0", with: alias)
        }
        // Several groups (or unions): the input's rows, each group's results joined by seq.
        let input = try emitter.relation(node.input)
        var items = (0..<width).map { "t.c\($0) AS c\($0)" }
        var joins = ""
        var byAggregate: [Int: String] = [:]
        for (g, entry) in computed.enumerated() {
            joins +=
                " LEFT JOIN \(entry.relation.replacingOccurrences(ofAlias: "g\(g)", with: "g\(g)")) ON t.__seq = g\(g).__seq"
            for k in entry.aggregates { byAggregate[k] = "g\(g).c\(width + k)" }
        }
        for k in node.aggregates.indices {
            items.append("\(byAggregate[k] ?? "NULL") AS c\(width + k)")
        }
        items.append("t.__seq AS __seq")
        return "(SELECT \(items.joined(separator: ", ")) FROM \(input)\(joins)) AS \(alias)"
    }

    /// The aggregates `aggregates` (all over windows with the same union sources), for the
    /// main rows: the input's columns, `c<width + k>` for aggregate k, and `__seq`.
    private func groupRelation(
        _ node: WindowAggregateNode, unions: [PhysicalPlan], aggregates: [Int], alias: String
    ) throws(TideError) -> String {
        let width = node.input.columns.count
        let columns = (0..<width).map { "c\($0)" }
        var sources = [
            "SELECT \((columns + ["__seq", "0 AS __src", "TRUE AS __main"]).joined(separator: ", ")) FROM \(try emitter.relation(node.input))"
        ]
        for (j, union) in unions.enumerated() {
            guard union.columns.count == width else {
                throw SparkLowering.unsupported("a WINDOW UNION source with other columns than the main table")
            }
            var items: [String] = []
            for (i, column) in node.input.columns.enumerated() {
                items.append("\(try emitter.typed("c\(i)", column.type)) AS c\(i)")
            }
            items += ["__seq", "\(-(j + 1)) AS __src", "FALSE AS __main"]
            sources.append("SELECT \(items.joined(separator: ", ")) FROM \(try emitter.relation(union))")
        }
        let expressions = emitter.expressions(for: node.input)
        let union = "(\(sources.joined(separator: " UNION ALL "))) AS u"
        let domains = emitter.categoryDomains
        let categories = domains.map { domains in
            { (key: String) in domains.categories(query: SparkCategoryDomains.query(key: key, rows: union)) }
        }
        var orderKeys: [String] = []
        var frames: [Int: (normal: SparkFrame, nullOrder: SparkFrame?)] = [:]
        for w in Set(aggregates.map { node.aggregates[$0].window }).sorted() {
            let window = node.windows[w]
            var partition: [String] = []
            for key in window.partitionBy { partition.append(try expressions.emit(key)) }
            var order: String?
            if let orderBy = window.orderBy {
                let value = try expressions.emit(orderBy)
                switch orderBy.type.scalar {
                case .timestamp: orderKeys.append("coalesce(unix_millis(\(value)), \(Self.nullOrder)) AS __o\(w)")
                case .int16, .int32, .int64:
                    orderKeys.append("coalesce(CAST(\(value) AS BIGINT), \(Self.nullOrder)) AS __o\(w)")
                default: throw SparkLowering.unsupported("a window ordered by a \(orderBy.type) value")
                }
                order = "__o\(w)"
            }
            frames[w] = frame(of: window, partition: partition, order: order)
        }
        // Peer parts go to a level below; then one level per other window specification, each
        // computing its aggregates to their values before the next sort (SparkPartColumns).
        // Within a level each distinct window expression is computed once, in a column, and
        // the aggregates combine the columns (Spark would compute every textual occurrence).
        let peerColumns = SparkPartColumns(prefix: "__p")
        var stages: [(spec: String, columns: SparkPartColumns, items: [String])] = []
        for k in aggregates {
            let call = node.aggregates[k]
            guard var frame = frames[call.window] else { continue }
            let spec = frame.normal.parts.first(where: { !$0.peers })?.over ?? ""
            let stage: Int
            if let s = stages.firstIndex(where: { $0.spec == spec }) {
                stage = s
            } else {
                stage = stages.count
                stages.append((spec, SparkPartColumns(prefix: "__w\(stage)_"), []))
            }
            frame.normal.peerColumns = peerColumns
            frame.normal.stageColumns = stages[stage].columns
            frame.nullOrder?.peerColumns = peerColumns
            if frame.nullOrder?.parts.first(where: { !$0.peers })?.over ?? spec == spec {
                frame.nullOrder?.stageColumns = stages[stage].columns
            }
            var value = try aggregate(
                call, node.windows[call.window], frame: frame.normal, expressions: expressions, categories: categories)
            if let nullFrame = frame.nullOrder,
                let order = node.windows[call.window].orderBy.map({ _ in "__o\(call.window)" })
            {
                let atNull = try aggregate(
                    call, node.windows[call.window], frame: nullFrame, expressions: expressions, categories: categories)
                value = "CASE WHEN \(order) = \(Self.nullOrder) THEN \(atNull) ELSE \(value) END"
            }
            stages[stage].items.append("\(try emitter.typed(value, call.column.type)) AS c\(width + k)")
        }
        var level = "(SELECT *\(orderKeys.isEmpty ? "" : ", " + orderKeys.joined(separator: ", ")) FROM \(union)) AS t"
        level = peerColumns.computed(over: level)
        for stage in stages {
            level = stage.columns.computed(over: level)
            level = "(SELECT *, \(stage.items.joined(separator: ", ")) FROM \(level)) AS t"
        }
        let outputs = columns + aggregates.map { "c\(width + $0)" } + ["__seq"]
        return "(SELECT \(outputs.joined(separator: ", ")) FROM \(level) WHERE __main) AS \(alias)"
    }

    private func check(_ window: WindowSpecification) throws(TideError) {
        if window.frame.unit == .rowsRange,
            [window.frame.start ?? 0, window.frame.end].contains(where: { $0.magnitude > Self.maxOffset.magnitude })
        {
            throw SparkLowering.unsupported("a ROWS_RANGE frame longer than 2^60 ms")
        }
        if window.frame.unit == .rows && window.excludeCurrentTime {
            throw SparkLowering.unsupported("EXCLUDE CURRENT_TIME on a ROWS frame")
        }
        if window.frame.unit == .rows && window.instanceNotInWindow {
            throw SparkLowering.unsupported("INSTANCE_NOT_IN_WINDOW on a ROWS frame")
        }
    }

    /// The frame in Spark parts, and for a ROWS_RANGE frame the frame of a row whose order
    /// value is NULL (TideBatch's bounds arithmetic wraps there: a finite start leaves only
    /// the current row, an unbounded one the earlier NULL rows too).
    private func frame(of window: WindowSpecification, partition: [String], order: String?) -> (
        normal: SparkFrame, nullOrder: SparkFrame?
    ) {
        let frame = window.frame
        let mask = window.instanceNotInWindow ? "__main" : nil
        func over(_ keys: [String], _ orderBy: [String], _ bounds: String, masked: Bool = true) -> SparkFramePart {
            let partitionText = keys.isEmpty ? "" : "PARTITION BY \(keys.joined(separator: ", ")) "
            return SparkFramePart(
                over: "(\(partitionText)ORDER BY \(orderBy.joined(separator: ", ")) \(bounds))",
                mask: masked ? mask : nil)
        }
        func bound(_ offset: Int64?) -> String {
            guard let offset else { return "UNBOUNDED PRECEDING" }
            if offset == 0 { return "CURRENT ROW" }
            return offset < 0 ? "\(offset.magnitude) PRECEDING" : "\(offset) FOLLOWING"
        }
        let maxSize = window.maxSize
        let totalOrder = (order.map { [$0] } ?? []) + ["__src", "__seq"]
        var end = frame.end
        if frame.unit == .rows || order == nil {
            // Rows in TideBatch's order; EXCLUDE CURRENT_ROW ends the frame a row earlier.
            if window.excludeCurrentRow && end == 0 { end = -1 }
            if let start = frame.start, start > end {
                return (SparkFrame(parts: [], maxSize: maxSize, order: totalOrder), nil)
            }
            let keys = (order.map { [$0] } ?? []) + ["__src", "__seq"]
            return (
                SparkFrame(
                    parts: [over(partition, keys, "ROWS BETWEEN \(bound(frame.start)) AND \(bound(end))")],
                    maxSize: maxSize, order: totalOrder), nil
            )
        }
        guard let order else { return (SparkFrame(parts: [], maxSize: maxSize, order: totalOrder), nil) }
        let peers = partition + [order]
        var current = over(peers, ["__src", "__seq"], "ROWS BETWEEN CURRENT ROW AND CURRENT ROW", masked: false)
        var earlierPeers = over(peers, ["__src", "__seq"], "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING")
        current.peers = true
        earlierPeers.peers = true
        // A NULL order value's own frame: the earlier NULL rows unless the start bound wraps.
        let wraps = frame.start.map { $0 < 0 } ?? false
        var atNull: [SparkFramePart] = !wraps && !window.excludeCurrentTime ? [earlierPeers] : []
        if frame.end >= 0 && !window.excludeCurrentRow { atNull.append(current) }
        let nullFrame = SparkFrame(parts: atNull, maxSize: maxSize, order: totalOrder)
        if end < 0 {
            // Every row in range is older than the current row: a plain RANGE frame.
            if let start = frame.start, start > end {
                return (SparkFrame(parts: [], maxSize: maxSize, order: totalOrder), nullFrame)
            }
            return (
                SparkFrame(
                    parts: [over(partition, [order], "RANGE BETWEEN \(bound(frame.start)) AND \(bound(end))")],
                    maxSize: maxSize, order: totalOrder), nullFrame
            )
        }
        var parts: [SparkFramePart] = []
        if frame.start.map({ $0 < 0 }) ?? true {
            parts.append(over(partition, [order], "RANGE BETWEEN \(bound(frame.start)) AND 1 PRECEDING"))
        }
        if !window.excludeCurrentTime { parts.append(earlierPeers) }
        if !window.excludeCurrentRow { parts.append(current) }
        return (SparkFrame(parts: parts, maxSize: maxSize, order: totalOrder), nullFrame)
    }

    private func aggregate(
        _ call: WindowAggregateCall, _ window: WindowSpecification, frame: SparkFrame,
        expressions: SparkExpressionEmitter, categories: ((String) -> [Value]?)?
    ) throws(TideError) -> String {
        if !call.nested.isEmpty || call.overElements {
            throw SparkLowering.unsupported("an aggregate over another aggregate's result")
        }
        if call.signature.name == "lag" || call.signature.name == "at" {
            return try lag(call, window, expressions: expressions)
        }
        return try SparkAggregateLowering.lower(
            call.signature, arguments: call.arguments, expressions: expressions, frame: frame, distinct: false,
            categories: categories)
    }

    /// lag(x, n) / at(x, n): n rows back from the current row through the whole partition
    /// history (whatever the frame), in TideBatch's order; a negative n counts from the oldest.
    private func lag(
        _ call: WindowAggregateCall, _ window: WindowSpecification, expressions: SparkExpressionEmitter
    ) throws(TideError) -> String {
        if window.instanceNotInWindow { throw SparkLowering.unsupported("lag with INSTANCE_NOT_IN_WINDOW") }
        if window.excludeCurrentTime { throw SparkLowering.unsupported("lag with EXCLUDE CURRENT_TIME") }
        guard call.arguments.count >= 2, case .literal(let offsetValue, _) = call.arguments[1],
            let offset = offsetValue.int64Value
        else { throw SparkLowering.unsupported("lag with an offset that is not a constant") }
        if call.arguments.count > 2 {
            guard case .literal(let flag, _) = call.arguments[2], flag.boolValue != true else {
                throw SparkLowering.unsupported("lag ignoring NULLs")
            }
        }
        let value = try expressions.emit(call.arguments[0])
        var partition: [String] = []
        for key in window.partitionBy { partition.append(try expressions.emit(key)) }
        let partitionText = partition.isEmpty ? "" : "PARTITION BY \(partition.joined(separator: ", ")) "
        let order = (window.orderBy == nil ? [] : ["__o\(call.window)"]) + ["__src", "__seq"]
        let spec = "(\(partitionText)ORDER BY \(order.joined(separator: ", "))"
        if offset >= 0 {
            guard offset <= Int64(Int32.max) else { return "NULL" }
            return "lag(\(value), \(offset)) OVER \(spec))"
        }
        guard offset > -Int64(Int32.max) else { return "NULL" }
        return "nth_value(\(value), \(offset.magnitude)) OVER \(spec) ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"
    }
}

extension String {
    /// A lowered relation (`(...) AS old`) under another alias.
    func replacingOccurrences(ofAlias old: String, with new: String) -> String {
        guard hasSuffix(" AS \(old)") else { return self }
        return String(dropLast(old.count)) + new
    }
}
