import TideCore

/// The text of a bound expression in EXPLAIN: columns by name and position (`amount#3`),
/// operators infix, calls with their arguments, casts explicit.
public enum ExprPrinter {
    static let operators: [String: String] = [
        "$add": "+", "$subtract": "-", "$multiply": "*", "$divide": "/", "$integer_divide": "DIV",
        "$modulo": "%", "$bitwise_and": "&", "$bitwise_or": "|", "$bitwise_xor": "^",
    ]

    public static func text(_ e: BoundExpr) -> String {
        switch e {
        case .literal(let value, _): return literal(value)
        case .column(let ref): return "\(ref.name)#\(ref.index)"
        case .parameter(let n, _): return "$\(n)"
        case .call(let signature, let arguments):
            if let op = operators[signature.name], arguments.count == 2 {
                return "(\(text(arguments[0])) \(op) \(text(arguments[1])))"
            }
            if signature.name == "$negate", arguments.count == 1 { return "-\(text(arguments[0]))" }
            if signature.name == "$bitwise_not", arguments.count == 1 { return "~\(text(arguments[0]))" }
            return "\(signature.name)(\(arguments.map(text).joined(separator: ", ")))"
        case .cast(let inner, let type): return "CAST(\(text(inner)) AS \(type))"
        case .compare(let op, let a, let b): return "(\(text(a)) \(op.rawValue) \(text(b)))"
        case .logical(.not, let items): return "NOT \(items.map(text).joined())"
        case .logical(let op, let items): return "(" + items.map(text).joined(separator: " \(op.rawValue) ") + ")"
        case .isTest(let inner, let kind, let negated):
            return "(\(text(inner)) IS \(negated ? "NOT " : "")\(kind.rawValue))"
        case .inList(let inner, let items, let negated):
            return "(\(text(inner))\(negated ? " NOT" : "") IN (\(items.map(text).joined(separator: ", "))))"
        case .caseWhen(let branches, let otherwise, _):
            var s = "CASE"
            for b in branches { s += " WHEN \(text(b.condition)) THEN \(text(b.result))" }
            if let otherwise { s += " ELSE \(text(otherwise))" }
            return s + " END"
        case .array(let elements, _): return "[" + elements.map(text).joined(separator: ", ") + "]"
        case .castCollection(let inner, let type): return "CAST(\(text(inner)) AS \(type))"
        }
    }

    static func literal(_ value: Value) -> String {
        switch value {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .int16(let v): return "\(v)"
        case .int32(let v): return "\(v)"
        case .int64(let v): return "\(v)L"
        case .float(let v): return "\(v)f"
        case .double(let v): return "\(v)"
        case .string(let s): return "'\(s)'"
        case .date(let d): return "DATE '\(CivilDate(days: Int64(d)))'"
        case .timestamp(let t): return "TIMESTAMP \(t)"
        case .array(let items): return "[" + items.map(literal).joined(separator: ", ") + "]"
        case .map(let keys, let values):
            return "{" + zip(keys, values).map { "\(literal($0)): \(literal($1))" }.joined(separator: ", ") + "}"
        }
    }
}
