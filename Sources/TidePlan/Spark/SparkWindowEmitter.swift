import TideCore

/// Lowers a window aggregate node. Spark's frames differ from OpenMLDB's in one way that
/// matters: a RANGE frame ending at CURRENT ROW takes every row with the current timestamp,
/// while a ROWS_RANGE frame takes only those up to the current row in order (ties broken by
/// seq). So a ROWS_RANGE frame that ends at the current row is computed in two parts and
/// combined:
///
///     older: PARTITION BY p ORDER BY ts RANGE BETWEEN n PRECEDING AND 1 PRECEDING
///     peers: PARTITION BY p, ts ORDER BY seq ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW
///
/// (EXCLUDE CURRENT_ROW ends `peers` at 1 PRECEDING; EXCLUDE CURRENT_TIME keeps only the
/// current row of it). count and sum add, min and max take the least / greatest, avg divides
/// the combined sum by the combined count, distinct_count unions the parts' value sets.
/// ROWS frames are exact in Spark once ties are ordered by seq.
struct SparkWindowEmitter {
    let emitter: SparkSQLEmitter

    func relation(_ node: WindowAggregateNode, alias: String) throws(TideError) -> String {
        let input = try emitter.relation(node.input)
        let expressions = emitter.expressions(for: node.input)
        let width = node.input.columns.count
        // Order keys as milliseconds, computed once below the aggregates.
        var orderKeys: [String] = []
        var windows: [[FramePart]] = []
        for (w, window) in node.windows.enumerated() {
            try check(window)
            var partition: [String] = []
            for key in window.partitionBy { partition.append(try expressions.emit(key)) }
            var order: String?
            if let orderBy = window.orderBy {
                let value = try expressions.emit(orderBy)
                switch orderBy.type.scalar {
                case .timestamp: orderKeys.append("unix_millis(\(value)) AS __o\(w)")
                case .int16, .int32, .int64: orderKeys.append("CAST(\(value) AS BIGINT) AS __o\(w)")
                default: throw SparkLowering.unsupported("a window ordered by a \(orderBy.type) value")
                }
                order = "__o\(w)"
            }
            windows.append(parts(of: window, partition: partition, order: order))
        }
        var items = (0..<width).map { "c\($0)" }
        for (k, call) in node.aggregates.enumerated() {
            let value = try aggregate(call, parts: windows[call.window], expressions: expressions)
            items.append("\(try emitter.typed(value, call.column.type)) AS c\(width + k)")
        }
        items.append("__seq")
        let inner = "(SELECT *\(orderKeys.isEmpty ? "" : ", " + orderKeys.joined(separator: ", ")) FROM \(input)) AS t"
        return "(SELECT \(items.joined(separator: ", ")) FROM \(inner)) AS \(alias)"
    }

    /// One Spark window a frame is computed over; nil spec: the part is empty.
    private struct FramePart {
        var spec: String?
    }

    private func check(_ window: WindowSpecification) throws(TideError) {
        if !window.unions.isEmpty { throw SparkLowering.unsupported("WINDOW ... UNION") }
        if window.maxSize != nil { throw SparkLowering.unsupported("MAXSIZE") }
        if window.instanceNotInWindow { throw SparkLowering.unsupported("INSTANCE_NOT_IN_WINDOW") }
        if window.frame.unit == .rows && window.excludeCurrentTime {
            throw SparkLowering.unsupported("EXCLUDE CURRENT_TIME on a ROWS frame")
        }
    }

    private func parts(of window: WindowSpecification, partition: [String], order: String?) -> [FramePart] {
        let frame = window.frame
        func over(_ keys: [String], _ orderBy: [String], _ bounds: String) -> FramePart {
            let partitionText = keys.isEmpty ? "" : "PARTITION BY \(keys.joined(separator: ", ")) "
            return FramePart(spec: "(\(partitionText)ORDER BY \(orderBy.joined(separator: ", ")) \(bounds))")
        }
        func bound(_ offset: Int64?) -> String {
            guard let offset else { return "UNBOUNDED PRECEDING" }
            if offset == 0 { return "CURRENT ROW" }
            return offset < 0 ? "\(-offset) PRECEDING" : "\(offset) FOLLOWING"
        }
        var end = frame.end
        if frame.unit == .rows || order == nil {
            // Rows in TideBatch's order; EXCLUDE CURRENT_ROW ends the frame a row earlier.
            if window.excludeCurrentRow && end == 0 { end = -1 }
            if let start = frame.start, start > end { return [FramePart(spec: nil)] }
            let keys = (order.map { [$0] } ?? []) + ["__seq"]
            return [over(partition, keys, "ROWS BETWEEN \(bound(frame.start)) AND \(bound(end))")]
        }
        guard let order else { return [FramePart(spec: nil)] }
        if end < 0 {
            // Every row in range is older than the current row: a plain RANGE frame.
            if let start = frame.start, start > end { return [FramePart(spec: nil)] }
            return [over(partition, [order], "RANGE BETWEEN \(bound(frame.start)) AND \(bound(end))")]
        }
        var parts: [FramePart] = []
        if frame.start.map({ $0 < 0 }) ?? true {
            parts.append(over(partition, [order], "RANGE BETWEEN \(bound(frame.start)) AND 1 PRECEDING"))
        }
        let peers = partition + [order]
        switch (window.excludeCurrentTime, window.excludeCurrentRow) {
        case (false, false): parts.append(over(peers, ["__seq"], "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW"))
        case (false, true): parts.append(over(peers, ["__seq"], "ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING"))
        case (true, false): parts.append(over(peers, ["__seq"], "ROWS BETWEEN CURRENT ROW AND CURRENT ROW"))
        case (true, true): break
        }
        return parts.isEmpty ? [FramePart(spec: nil)] : parts
    }

    private func aggregate(
        _ call: WindowAggregateCall, parts: [FramePart], expressions: SparkExpressionEmitter
    ) throws(TideError) -> String {
        if !call.nested.isEmpty || call.overElements {
            throw SparkLowering.unsupported("an aggregate over another aggregate's result")
        }
        let name = call.signature.name
        var arguments: [String] = []
        for argument in call.arguments { arguments.append(try expressions.emit(argument)) }
        // The value folded, NULL where a `_where` condition is not true.
        var value: String
        var base = name
        if name.hasSuffix("_where") {
            base = String(name.dropLast("_where".count))
            guard let condition = arguments.last else { throw SparkLowering.unsupported("\(name) without a condition") }
            value = arguments.count >= 2 ? "IF(\(condition), \(arguments[0]), NULL)" : "IF(\(condition), 1, NULL)"
        } else {
            value = arguments.first ?? "1"
        }
        let live = parts.compactMap(\.spec)
        func each(_ function: String) -> [String] { live.map { "\(function) OVER \($0)" } }
        switch base {
        case "count":
            let counts = each("count(\(value))")
            return counts.isEmpty ? "CAST(0 AS BIGINT)" : "(" + counts.joined(separator: " + ") + ")"
        case "sum":
            return combineSums(each("sum(\(value))"))
        case "min", "max":
            let values = each("\(base)(\(value))")
            if values.count <= 1 { return values.first ?? "NULL" }
            return "\(base == "min" ? "least" : "greatest")(\(values.joined(separator: ", ")))"
        case "avg":
            let sum = combineSums(each("sum(CAST(\(value) AS DOUBLE))"))
            let counts = each("count(\(value))")
            if counts.isEmpty { return "CAST(NULL AS DOUBLE)" }
            let count = "(" + counts.joined(separator: " + ") + ")"
            return "IF(\(count) = 0, CAST(NULL AS DOUBLE), \(sum) / \(count))"
        case "distinct_count" where !name.hasSuffix("_where"):
            guard let type = call.arguments.first?.type.scalar else {
                throw SparkLowering.unsupported(
                    "distinct_count of a \(call.arguments.first?.type.description ?? "") value")
            }
            let sets = each("collect_set(coalesce(\(value), \(SparkSQLText.zero(type))))")
            if sets.isEmpty { return "CAST(0 AS BIGINT)" }
            return "size(" + sets.dropFirst().reduce(sets[0]) { "array_union(\($0), \($1))" } + ")"
        default:
            throw SparkLowering.unsupported("window aggregate \(name)")
        }
    }

    /// Sums of parts, NULL only when every part is NULL (no values).
    private func combineSums(_ sums: [String]) -> String {
        guard let first = sums.first else { return "NULL" }
        return sums.dropFirst().reduce(first) { a, b in
            "CASE WHEN (\(a)) IS NULL THEN \(b) WHEN (\(b)) IS NULL THEN (\(a)) ELSE (\(a)) + (\(b)) END"
        }
    }
}
