import TideCore

/// Lowers a bound expression to Spark SQL over a relation whose column `i` is named
/// `columnName(i)`. Only what both engines compute the same way is lowered; anything else
/// throws 0A000 naming it, so a query never runs on Spark with different semantics.
struct SparkExpressionEmitter {
    /// The Spark name of input column `i`.
    var columnName: (Int) -> String

    func emit(_ expression: BoundExpr) throws(TideError) -> String {
        switch expression {
        case .literal(let value, let type):
            return try SparkSQLText.literal(value, type: type.scalar)
        case .column(let reference):
            return columnName(reference.index)
        case .parameter:
            throw SparkLowering.unsupported("a statement parameter")
        case .call(let signature, let arguments):
            return try call(signature, arguments)
        case .cast(let inner, let target):
            return try cast(inner, to: target)
        case .compare(let op, let left, let right):
            let spark = op == .notEqual ? "<>" : op.rawValue
            return "(\(try emit(left)) \(spark) \(try emit(right)))"
        case .logical(let op, let operands):
            let parts = try operands.map { (operand) throws(TideError) in try condition(operand) }
            switch op {
            case .and: return "(" + parts.joined(separator: " AND ") + ")"
            case .or: return "(" + parts.joined(separator: " OR ") + ")"
            case .not: return "(NOT \(parts.first ?? "NULL"))"
            case .xor:
                guard parts.count == 2 else { throw SparkLowering.unsupported("XOR of \(parts.count) operands") }
                return "((\(parts[0]) OR \(parts[1])) AND NOT (\(parts[0]) AND \(parts[1])))"
            }
        case .isTest(let inner, let kind, let negated):
            let tested = kind == .null ? try emit(inner) : try condition(inner)
            return "(\(tested) IS \(negated ? "NOT " : "")\(kind.rawValue))"
        case .inList(let value, let list, let negated):
            let items = try list.map { (item) throws(TideError) in try emit(item) }
            return "(\(try emit(value)) \(negated ? "NOT " : "")IN (\(items.joined(separator: ", "))))"
        case .caseWhen(let branches, let otherwise, let type):
            var text = "CASE"
            for branch in branches {
                text += " WHEN \(try condition(branch.condition)) THEN \(try emit(branch.result))"
            }
            if let otherwise { text += " ELSE \(try emit(otherwise))" }
            text += " END"
            if let scalar = type.scalar { return "CAST(\(text) AS \(SparkSQLText.typeName(scalar)))" }
            return text
        case .array:
            throw SparkLowering.unsupported("an array expression")
        case .castCollection:
            throw SparkLowering.unsupported("a CAST of an array or map")
        }
    }

    /// `expression` as a condition, with TideDB's truth of other types (`Predicates.isTrue`):
    /// a non-zero number or timestamp, a non-empty string, any date; NULL stays NULL.
    func condition(_ expression: BoundExpr) throws(TideError) -> String {
        let value = try emit(expression)
        switch expression.type.scalar {
        case .bool, nil: return value
        case .int16, .int32, .int64, .float, .double: return "(\(value) <> 0)"
        case .timestamp: return "(unix_millis(\(value)) <> 0)"
        case .string: return "(\(value) <> '')"
        case .date: return "IF(\(value) IS NULL, NULL, TRUE)"
        }
    }

    private func cast(_ inner: BoundExpr, to target: DataType) throws(TideError) -> String {
        let value = try emit(inner)
        guard let source = inner.type.scalar else {
            if inner.type == .null { return "CAST(NULL AS \(SparkSQLText.typeName(target)))" }
            throw SparkLowering.unsupported("a CAST from \(inner.type)")
        }
        if source == target { return value }
        switch (source, target) {
        case (.timestamp, .int64):
            return "unix_millis(\(value))"
        case (.int16, .timestamp), (.int32, .timestamp), (.int64, .timestamp):
            return "timestamp_millis(CAST(\(value) AS BIGINT))"
        case (.timestamp, .date):
            return "CAST(\(value) AS DATE)"
        case (.timestamp, _), (_, .timestamp), (.date, _), (_, .date):
            throw SparkLowering.unsupported("CAST from \(source) to \(target)")
        case (.double, .string), (.float, .string):
            throw SparkLowering.unsupported("CAST from \(source) to string (the digits printed differ)")
        case (.string, _) where target != .string && target != .bool:
            // Spark accepts surrounding spaces and other forms TideDB's parser rejects.
            throw SparkLowering.unsupported("CAST from string to \(target)")
        default:
            return "CAST(\(value) AS \(SparkSQLText.typeName(target)))"
        }
    }

    private func call(_ signature: FunctionSignature, _ arguments: [BoundExpr]) throws(TideError) -> String {
        let values = try arguments.map { (argument) throws(TideError) in try emit(argument) }
        let types = arguments.map(\.type.scalar)
        let numericOnly = types.allSatisfy { $0.map { $0.isInteger || $0 == .float || $0 == .double } ?? true }
        let result = signature.returnType.scalar
        func typed(_ text: String) -> String {
            result.map { "CAST(\(text) AS \(SparkSQLText.typeName($0)))" } ?? text
        }
        switch signature.name {
        case "$add", "$subtract", "$multiply", "$modulo":
            guard numericOnly, values.count == 2 else { break }
            let op = ["$add": "+", "$subtract": "-", "$multiply": "*", "$modulo": "%"][signature.name] ?? "+"
            return typed("(\(values[0]) \(op) \(values[1]))")
        case "$divide":
            guard numericOnly, values.count == 2 else { break }
            return "(CAST(\(values[0]) AS DOUBLE) / CAST(\(values[1]) AS DOUBLE))"
        case "$negate":
            guard numericOnly, values.count == 1 else { break }
            return typed("(- \(values[0]))")
        case "abs":
            guard numericOnly, values.count == 1 else { break }
            return typed("abs(\(values[0]))")
        case "sqrt", "exp", "ln", "log10":
            guard numericOnly, values.count == 1 else { break }
            // Spark returns NULL for sqrt(-1) and ln(0) as TideDB does, rather than NaN / -inf.
            return "\(signature.name)(CAST(\(values[0]) AS DOUBLE))"
        case "upper", "ucase", "lower", "lcase":
            guard values.count == 1, types[0] == .string else { break }
            return "\(signature.name.hasPrefix("u") ? "upper" : "lower")(\(values[0]))"
        case "concat":
            guard !values.isEmpty, types.allSatisfy({ $0 == .string }), signature.nullPropagating else { break }
            return "concat(\(values.joined(separator: ", ")))"
        case "like_match", "ilike_match":
            guard values.count >= 2 else { break }
            return try SparkLikeLowering.emit(
                target: values[0], pattern: arguments[1], escape: arguments.count > 2 ? arguments[2] : nil,
                caseInsensitive: signature.name == "ilike_match", name: signature.name)
        case "ifnull", "coalesce", "nvl":
            guard !values.isEmpty else { break }
            return typed("coalesce(\(values.joined(separator: ", ")))")
        case "year", "month", "dayofmonth", "day", "hour", "minute", "second":
            guard values.count == 1, types[0] == .timestamp || types[0] == .date else { break }
            let name = signature.name == "day" ? "dayofmonth" : signature.name
            return typed("\(name)(\(values[0]))")
        default:
            break
        }
        let shown = signature.name.hasPrefix("$") ? "operator \(signature.name.dropFirst())" : signature.name
        throw SparkLowering.unsupported(
            "function \(shown)(\(arguments.map { $0.type.description }.joined(separator: ", ")))")
    }
}
