import TideCore

extension SQLPrinter {
    /// Canonical text of an expression, with only the parentheses precedence requires.
    public static func print(_ expr: Expr) -> String { text(expr) }

    static func text(_ expr: Expr, atLeast minimum: Int = 0) -> String {
        let body = bareText(expr)
        return ExprPrecedence.of(expr.kind) < minimum ? "(\(body))" : body
    }

    private static func bareText(_ expr: Expr) -> String {
        switch expr.kind {
        case .literal(let literal): return text(literal)
        case .column(let name): return text(name)
        case .parameter(let n): return "$\(n)"
        case .variable(let name, let system): return (system ? "@@" : "@") + name
        case .unary(let op, let operand):
            switch op {
            case .not: return "NOT " + text(operand, atLeast: ExprPrecedence.not)
            case .minus, .plus, .bitwiseNot:
                let inner = text(operand, atLeast: ExprPrecedence.unary)
                // Keep "- -x" apart: "--" would start a comment.
                let gap = inner.hasPrefix("-") || inner.hasPrefix("+") || inner.hasPrefix("~") ? " " : ""
                return op.rawValue + gap + inner
            }
        case .binary(let op, let left, let right):
            let p = ExprPrecedence.of(op)
            return "\(text(left, atLeast: p)) \(op.rawValue) \(text(right, atLeast: p + 1))"
        case .isTest(let operand, let test, let negated):
            return "\(text(operand, atLeast: ExprPrecedence.comparison)) IS \(negated ? "NOT " : "")\(test.rawValue)"
        case .between(let operand, let low, let high, let negated):
            let p = ExprPrecedence.comparison
            return "\(text(operand, atLeast: p))\(negated ? " NOT" : "") BETWEEN "
                + "\(text(low, atLeast: p + 1)) AND \(text(high, atLeast: p + 1))"
        case .inList(let operand, let items, let negated):
            return "\(text(operand, atLeast: ExprPrecedence.comparison))\(negated ? " NOT" : "") IN ("
                + items.map { text($0) }.joined(separator: ", ") + ")"
        case .inQuery(let operand, let query, let negated):
            return "\(text(operand, atLeast: ExprPrecedence.comparison))\(negated ? " NOT" : "") IN (\(text(query)))"
        case .like(let like):
            let p = ExprPrecedence.comparison
            var s = "\(text(like.value, atLeast: p))\(like.negated ? " NOT" : "") \(like.kind.rawValue) "
            s += text(like.pattern, atLeast: p + 1)
            if let escape = like.escape { s += " ESCAPE " + text(escape, atLeast: p + 1) }
            return s
        case .caseWhen(let c):
            var s = "CASE"
            if let operand = c.operand { s += " " + text(operand) }
            for when in c.whens { s += " WHEN \(text(when.condition)) THEN \(text(when.result))" }
            if let otherwise = c.otherwise { s += " ELSE " + text(otherwise) }
            return s + " END"
        case .cast(let value, let type):
            return "CAST(\(text(value)) AS \(text(type)))"
        case .function(let call): return text(call)
        case .subquery(let query): return "(\(text(query)))"
        case .exists(let query): return "EXISTS (\(text(query)))"
        case .array(let elementType, let elements):
            let items = "[" + elements.map { text($0) }.joined(separator: ", ") + "]"
            guard let elementType else { return items }
            return "ARRAY<\(text(elementType))>" + items
        case .element(let base, let index):
            return "\(text(base, atLeast: ExprPrecedence.primary))[\(text(index))]"
        }
    }

    static func text(_ call: FunctionCall) -> String {
        var s = text(call.name) + "("
        if call.star {
            s += (["*"] + call.arguments.map { text($0) }).joined(separator: ", ")
        } else {
            if call.distinct { s += "DISTINCT " }
            s += call.arguments.map { text($0) }.joined(separator: ", ")
        }
        s += ")"
        switch call.over {
        case nil: break
        case .named(let name): s += " OVER " + text(name)
        case .inline(let spec): s += " OVER " + text(spec)
        }
        return s
    }

    static func text(_ literal: Literal) -> String {
        switch literal {
        case .null: return "NULL"
        case .bool(let b): return b ? "true" : "false"
        case .integer(let v): return String(v)
        case .long(let v): return "\(v)L"
        case .double(let v): return decimalText(v.description)
        case .float(let v): return decimalText(v.description) + "f"
        case .string(let s): return quoted(s)
        case .interval(let v, let unit): return "\(v)\(unit.rawValue)"
        }
    }

    /// Makes sure a floating-point literal reads back as one ("1e+20" and "1.0" already do).
    private static func decimalText(_ s: String) -> String {
        s.contains(".") || s.contains("e") ? s : s + ".0"
    }

    /// A single-quoted string literal with backslash escapes.
    public static func quoted(_ s: String) -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "'": out += "\\'"
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{0}": out += "\\0"
            case "\u{8}": out += "\\b"
            case "\u{1A}": out += "\\Z"
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + "'"
    }

    static func text(_ type: TypeName) -> String {
        switch type {
        case .scalar(let t, let length):
            let name = t == .string && length != nil ? "varchar" : t.rawValue
            return length.map { "\(name)(\($0))" } ?? name
        case .array(let element, let notNull):
            return "ARRAY<\(text(element))\(notNull ? " NOT NULL" : "")>"
        case .map(let key, let value, let notNull):
            return "MAP<\(text(key)), \(text(value))\(notNull ? " NOT NULL" : "")>"
        }
    }

    /// An identifier, backquoted when it is reserved or not a plain word.
    static func text(_ identifier: Identifier) -> String {
        let name = identifier.name
        var plain = !name.isEmpty && !Keywords.isReserved(name)
        for (i, b) in name.utf8.enumerated() where plain {
            plain = i == 0 ? Lexer.isIdentifierStart(b) && b < 0x80 : Lexer.isIdentifierPart(b) && b < 0x80
        }
        return plain ? name : "`" + name.map { $0 == "`" ? "``" : String($0) }.joined() + "`"
    }

    static func text(_ name: QualifiedName) -> String {
        name.parts.map { text($0) }.joined(separator: ".")
    }
}
