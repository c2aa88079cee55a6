import TideCore

/// The aggregates both a window (over the parts of a frame) and a GROUP BY (one part, no
/// OVER) lower to, with TideDB's results: count and sum add over parts, min / max take the
/// least / greatest, avg is the combined sum over the combined count, distinct_count unions
/// the parts' value sets (a NULL counted as its type's zero value, SEMANTICS.md), and the
/// `_where` forms fold only the values whose condition is true.
///
/// Frames that keep only their newest rows (MAXSIZE) and first_value / last_value go through
/// the frame's rows as an array instead: each part collects its rows in order
/// (`collect_list`), the parts are concatenated, cut to the newest MAXSIZE, and folded with
/// Spark's array functions.
enum SparkAggregateLowering {
    static func lower(
        _ signature: FunctionSignature, arguments: [BoundExpr], expressions: SparkExpressionEmitter,
        frame: SparkFrame, distinct: Bool, categories: ((String) -> [Value]?)? = nil
    ) throws(TideError) -> String {
        let name = signature.name
        var texts: [String] = []
        // The condition: last of a `_where` form, second of a `_cate_where` one (value, cond, category[, n]).
        let condition =
            name.contains("_cate")
            ? (arguments.count >= 3 ? 1 : nil) : name.hasSuffix("_where") ? arguments.count - 1 : nil
        for (i, argument) in arguments.enumerated() {
            let isCondition = i == condition
            texts.append(isCondition ? try expressions.condition(argument) : try expressions.emit(argument))
        }
        // The value folded, NULL where a `_where` condition is not true.
        var value: String
        var base = name
        if name.hasSuffix("_where") {
            base = String(name.dropLast("_where".count))
            guard let condition = texts.last else { throw SparkLowering.unsupported("\(name) without a condition") }
            value = texts.count >= 2 ? "IF(\(condition), \(texts[0]), NULL)" : "IF(\(condition), 1, NULL)"
        } else {
            value = texts.first ?? "1"
        }
        if name.contains("_cate") {
            // Per category, the order of the rows matters only to which rows MAXSIZE keeps.
            var unordered = frame
            if frame.maxSize == nil { unordered.order = [] }
            let listOf = { (element: String) in collectedList(element, frame: unordered) }
            // MAXSIZE keeps the newest rows of the frame, which per-category aggregates cannot.
            if let lowered = try SparkCategoryLowering.lower(
                name, arguments: arguments, texts: texts, list: listOf,
                categories: frame.maxSize == nil ? categories : nil, combined: { combined($0, $1, frame: frame) })
            {
                return lowered
            }
        }
        let type = arguments.first?.type.scalar
        if let type, type == .timestamp || type == .date, ["sum", "avg"].contains(base) {
            throw SparkLowering.unsupported("\(name) of a \(type) value")
        }
        if base == "distinct_count" && type == nil {
            throw SparkLowering.unsupported("distinct_count of a \(arguments.first?.type.description ?? "") value")
        }
        if frame.maxSize != nil || base == "first_value" || base == "last_value" {
            return try overArray(
                base, value: value, type: type, frame: frame, ignoreNulls: texts.count > 1 ? arguments[1] : nil)
        }
        let modifier = distinct ? "DISTINCT " : ""
        switch base {
        case "count", "sum", "min", "max":
            return combined(base, value, frame: frame, modifier: modifier)
        case "avg":
            if frame.parts.isEmpty { return "CAST(NULL AS DOUBLE)" }
            let sum = combined("sum", "CAST(\(value) AS DOUBLE)", frame: frame, modifier: modifier)
            let count = combined("count", value, frame: frame, modifier: modifier)
            return "IF(\(count) = 0, CAST(NULL AS DOUBLE), \(sum) / \(count))"
        case "distinct_count" where !name.hasSuffix("_where"):
            let sets = eachPart("collect_set", "coalesce(\(value), \(SparkSQLText.zero(type ?? .int64)))", frame: frame)
            guard let first = sets.first else { return "CAST(0 AS BIGINT)" }
            return "size(" + sets.dropFirst().reduce(first) { "array_union(\($0), \($1))" } + ")"
        default:
            throw SparkLowering.unsupported("aggregate \(name)")
        }
    }

    /// The frame's rows as one array of `{v}` structs, oldest first, then folded.
    private static func overArray(
        _ base: String, value: String, type: DataType?, frame: SparkFrame, ignoreNulls: BoundExpr?
    ) throws(TideError) -> String {
        let list = collectedList("named_struct('v', \(value))", frame: frame)
        let present = "filter(\(list), e -> e.v IS NOT NULL)"
        switch base {
        case "count":
            return "CAST(size(\(present)) AS BIGINT)"
        case "sum", "avg":
            let sumType = type == .float || type == .double || base == "avg" ? "DOUBLE" : "BIGINT"
            let sum =
                "aggregate(\(present), CAST(NULL AS \(sumType)), (acc, e) -> "
                + "IF(acc IS NULL, CAST(e.v AS \(sumType)), acc + CAST(e.v AS \(sumType))))"
            if base == "sum" { return sum }
            return "IF(size(\(present)) = 0, CAST(NULL AS DOUBLE), \(sum) / size(\(present)))"
        case "min", "max":
            return "array_\(base)(transform(\(list), e -> e.v))"
        case "distinct_count":
            let zero = SparkSQLText.zero(type ?? .int64)
            return "CAST(size(array_distinct(transform(\(list), e -> coalesce(e.v, \(zero))))) AS BIGINT)"
        case "first_value", "last_value":
            var source = list
            if let ignoreNulls {
                guard case .literal(let flag, _) = ignoreNulls else {
                    throw SparkLowering.unsupported("\(base) with a non-constant ignore-nulls argument")
                }
                if flag.boolValue == true { source = present }
            }
            return "element_at(\(source), \(base == "first_value" ? 1 : -1)).v"
        default:
            throw SparkLowering.unsupported(
                frame.maxSize != nil ? "aggregate \(base) with MAXSIZE" : "aggregate \(base)")
        }
    }

    /// The frame's rows as an array of `element` (a struct; NULL elements are left out),
    /// oldest first, cut to the newest MAXSIZE. Each element carries its row's order fields
    /// so the concatenated parts sort into TideBatch's order (a RANGE part collects rows with
    /// equal timestamps in no particular order; a group's rows come in no order at all).
    private static func collectedList(_ element: String, frame: SparkFrame) -> String {
        let keys = frame.order.enumerated().map { "'k\($0)', \($1)" }.joined(separator: ", ")
        let ordered = keys.isEmpty ? element : "struct(named_struct(\(keys)) AS o, \(element) AS e)"
        let lists = frame.parts.map { part in
            // A NULL element (left out by collect_list) stays NULL once wrapped.
            let wrapped = keys.isEmpty ? ordered : "IF((\(element)) IS NULL, NULL, \(ordered))"
            let masked = part.mask.map { "IF(\($0), NULL, \(wrapped))" } ?? wrapped
            return frame.window("collect_list(\(masked))", over: part)
        }
        var list: String
        switch lists.count {
        case 0: list = "filter(array(\(ordered)), e -> FALSE)"
        case 1: list = lists[0]
        default: list = "concat(\(lists.joined(separator: ", ")))"
        }
        if let maxSize = frame.maxSize {
            if !keys.isEmpty { list = "array_sort(\(list))" }
            list = "slice(\(list), greatest(size(\(list)) - \(maxSize) + 1, 1), \(maxSize))"
            return keys.isEmpty ? list : "transform(\(list), x -> x.e)"
        }
        return keys.isEmpty ? list : "transform(array_sort(\(list)), x -> x.e)"
    }

    /// `function` of `argument` over each of the frame's parts.
    private static func eachPart(
        _ function: String, _ argument: String, frame: SparkFrame, modifier: String = ""
    ) -> [String] {
        frame.parts.map { part in
            let masked = part.mask.map { "IF(\($0), NULL, \(argument))" } ?? argument
            return frame.window("\(function)(\(modifier)\(masked))", over: part)
        }
    }

    /// count, sum, min or max of `argument` over the whole frame: the parts' results combined.
    private static func combined(
        _ function: String, _ argument: String, frame: SparkFrame, modifier: String = ""
    ) -> String {
        let values = eachPart(function, argument, frame: frame, modifier: modifier)
        switch function {
        case "count":
            return values.isEmpty ? "CAST(0 AS BIGINT)" : "(" + values.joined(separator: " + ") + ")"
        case "sum":
            return combineSums(values)
        default:
            if values.count <= 1 { return values.first ?? "NULL" }
            return "\(function == "min" ? "least" : "greatest")(\(values.joined(separator: ", ")))"
        }
    }

    /// Sums of parts, NULL only when every part is NULL (no values).
    private static func combineSums(_ sums: [String]) -> String {
        guard let first = sums.first else { return "NULL" }
        return sums.dropFirst().reduce(first) { a, b in
            "CASE WHEN (\(a)) IS NULL THEN \(b) WHEN (\(b)) IS NULL THEN (\(a)) ELSE (\(a)) + (\(b)) END"
        }
    }
}
