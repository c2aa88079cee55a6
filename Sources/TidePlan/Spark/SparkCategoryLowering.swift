import TideCore

/// The `*_cate` family (`count_cate`, `avg_cate_where`, `top_n_key_sum_cate_where`, ...) in
/// Spark SQL, with TideDB's output (TideExec's `CategoryAggregator`): the frame's rows whose
/// category and value are not NULL (and whose condition is true) grouped by category, each
/// printed `key:value` (integers in decimal, reals as C's `%f`, dates `YYYY-MM-DD`, timestamps
/// `YYYY-MM-DD HH:MM:SS` in the session time zone), keys ascending (`top_n_key_*`: the n
/// largest, descending), joined with commas up to 4096 bytes ('' without rows).
enum SparkCategoryLowering {
    /// The aggregate, or nil when `name` is not one of the family. When `categories` knows the
    /// key's categories (at most `SparkCategoryDomains.limit`), each category is its own
    /// conditional aggregate over the frame (`combined(function, value)`: count, sum, min or
    /// max of `value` over the frame's parts); otherwise the frame's rows are collected
    /// (`list`) and folded.
    static func lower(
        _ name: String, arguments: [BoundExpr], texts: [String], list: (String) -> String,
        categories: ((String) -> [Value]?)?, combined: (String, String) -> String
    ) throws(TideError) -> String? {
        var base = name
        var topByKey = false
        if base.hasPrefix("top_n_key_") {
            topByKey = true
            base.removeFirst("top_n_key_".count)
        } else if base.hasPrefix("top_n_value_") {
            throw SparkLowering.unsupported("aggregate \(name)")
        }
        guard let operation = ["count", "sum", "avg", "min", "max"].first(where: { base.hasPrefix($0 + "_cate") }),
            base == operation + "_cate" || base == operation + "_cate_where"
        else { return nil }
        let conditional = arguments.count >= 3
        let keyIndex = conditional ? 2 : 1
        guard texts.count > keyIndex, let valueType = arguments[0].type.scalar,
            let keyType = arguments[keyIndex].type.scalar
        else { throw SparkLowering.unsupported("aggregate \(name) over lists or maps") }
        if operation == "sum" || operation == "avg", valueType == .date || valueType == .timestamp {
            throw SparkLowering.unsupported("\(name) of a \(valueType) value")
        }
        var limit: Int64?
        if topByKey {
            guard arguments.count >= 4, case .literal(let bound, _) = arguments[3], let n = bound.int64Value else {
                throw SparkLowering.unsupported("\(name) with a count that is not a constant")
            }
            limit = n >= 0 ? min(n, Int64(Int32.max)) : nil
        }
        let value = texts[0]
        let key = texts[keyIndex]
        let condition = conditional ? "(\(texts[1])) <=> TRUE AND " : ""
        let aggregateType: DataType =
            switch operation {
            case "count": .int64
            case "avg": .double
            default: valueType
            }
        let sumType = valueType == .float || valueType == .double || operation == "avg" ? "DOUBLE" : "BIGINT"
        if keyType.isExactCategory, let values = categories?(key), values.count <= SparkCategoryDomains.limit {
            let domain = try values.map { (value) throws(TideError) in try SparkSQLText.literal(value, type: keyType) }
            // No category anywhere in the data: every frame prints no pairs.
            if domain.isEmpty { return "''" }
            // One {k, n, a} per category: the category, its counted rows, its aggregate.
            let entries = domain.map { category in
                let member = "IF(\(condition)\(key) <=> \(category), \(value), NULL)"
                let count = combined("count", member)
                let aggregate: String
                switch operation {
                case "count": aggregate = count
                case "sum":
                    aggregate =
                        "CAST(\(combined("sum", "CAST(\(member) AS \(sumType))")) AS \(SparkSQLText.typeName(valueType)))"
                case "avg": aggregate = "(\(combined("sum", "CAST(\(member) AS DOUBLE)")) / \(count))"
                default: aggregate = combined(operation, member)
                }
                return "named_struct('k', \(category), 'n', \(count), 'a', \(aggregate))"
            }
            var present = "array_sort(filter(array(\(entries.joined(separator: ", "))), e -> e.n > 0))"
            if topByKey {
                present = "reverse(\(present))"
                if let limit { present = "slice(\(present), 1, \(limit))" }
            }
            return joined(
                "transform(\(present), e -> concat(\(text("e.k", keyType)), ':', \(text("e.a", aggregateType))))")
        }
        // The frame's counted rows as {c, v}, in frame order (MAXSIZE counts every row of the
        // frame, so rows are left out after the list is cut).
        let counted = "\(condition)\(key) IS NOT NULL AND \(value) IS NOT NULL"
        let collected =
            "filter(\(list("named_struct('ok', \(counted), 'c', \(key), 'v', \(value))")), e -> e.ok <=> TRUE)"
        // Bound once per row to `rows` (Spark would evaluate the expression again at every use).
        let rows = "rows"
        let members = "filter(\(rows), e -> e.c <=> k)"
        let aggregate: String
        switch operation {
        case "count":
            aggregate = "CAST(size(\(members)) AS BIGINT)"
        case "sum", "avg":
            let sum = "aggregate(\(members), CAST(0 AS \(sumType)), (acc, e) -> acc + CAST(e.v AS \(sumType)))"
            aggregate =
                operation == "avg"
                ? "(\(sum) / size(\(members)))" : "CAST(\(sum) AS \(SparkSQLText.typeName(valueType)))"
        default:
            aggregate = "array_\(operation)(transform(\(members), e -> e.v))"
        }
        var keys = "array_sort(array_distinct(transform(\(rows), e -> e.c)))"
        if topByKey {
            keys = "reverse(\(keys))"
            if let limit { keys = "slice(\(keys), 1, \(limit))" }
        }
        let pairs =
            "transform(\(keys), k -> concat(\(text("k", keyType)), ':', \(text(aggregate, aggregateType))))"
        return "element_at(transform(array(\(collected)), rows -> \(joined(pairs))), 1)"
    }

    /// `pairs` (an array of `key:value` texts) joined with commas until one would pass the
    /// 4096-byte cap (it and all after it are dropped; each pair counts its length, a colon
    /// and a comma).
    private static func joined(_ pairs: String) -> String {
        "aggregate(\(pairs), named_struct('t', '', 'n', 0, 's', FALSE), (acc, p) -> "
            + "IF(acc.s OR acc.n + octet_length(p) + 1 > 4096, named_struct('t', acc.t, 'n', acc.n, 's', TRUE), "
            + "named_struct('t', IF(acc.n = 0, p, concat(acc.t, ',', p)), 'n', acc.n + octet_length(p) + 1, 's', FALSE)), "
            + "acc -> acc.t)"
    }

    /// A value as the category aggregates print it.
    static func text(_ value: String, _ type: DataType) -> String {
        switch type {
        case .bool, .int16, .int32, .int64, .string, .date: return "CAST(\(value) AS STRING)"
        case .timestamp: return "date_format(\(value), 'yyyy-MM-dd HH:mm:ss')"
        case .float, .double: return "element_at(transform(array(CAST(\(value) AS DOUBLE)), d -> \(fixed("d"))), 1)"
        }
    }

    /// C's `printf("%f", d)` of the double named `d`: six decimals, correctly rounded from the
    /// exact binary value, ties to even (Java's `%f`, which Spark's `format_string` uses,
    /// rounds the shortest decimal half up: 0.0078125 → 0.007813 where C prints 0.007812).
    /// d·10⁶ is split exactly into p + e (Dekker's product: p the rounded product, e its
    /// error); p is the answer rounded, except when it lies exactly half-way, where the sign
    /// of e (or, if 0, evenness) decides. Exact below 10⁹; beyond, Java's digits are printed.
    static func fixed(_ d: String) -> String {
        let split = "(134217729.0D * \(d) - (134217729.0D * \(d) - \(d)))"
        let parts =
            "named_struct('d', \(d), 'p', \(d) * 1000000.0D, 'h', \(split), 'l', \(d) - \(split))"
        let error = "((x.h * 1000000.0D - x.p) + x.l * 1000000.0D)"
        let rounded =
            "CASE WHEN x.p - floor(x.p) = 0.5 THEN (CASE WHEN \(error) > 0 THEN floor(x.p) + 1 "
            + "WHEN \(error) < 0 THEN floor(x.p) ELSE bround(x.p, 0) END) ELSE round(x.p, 0) END"
        let sign = "IF(r = 0 AND (x.d < 0 OR CAST(x.d AS STRING) = '-0.0'), '-', '')"
        let exact =
            "element_at(transform(array(\(rounded)), r -> concat(\(sign), "
            + "CAST(CAST(r AS DECIMAL(38, 0)) / 1000000 AS STRING))), 1)"
        return "CASE WHEN isnan(\(d)) THEN 'nan' WHEN \(d) = double('inf') THEN 'inf' "
            + "WHEN \(d) = double('-inf') THEN '-inf' WHEN abs(\(d)) >= 1e9 THEN format_string('%.6f', \(d)) "
            + "ELSE element_at(transform(array(\(parts)), x -> \(exact)), 1) END"
    }
}

extension DataType {
    /// Whether values of the type are equal exactly when Spark's `<=>` says so and print
    /// one way (so a category can be matched against a constant): not floating point.
    fileprivate var isExactCategory: Bool {
        switch self {
        case .bool, .int16, .int32, .int64, .string, .date, .timestamp: return true
        case .float, .double: return false
        }
    }
}
