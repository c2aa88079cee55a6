import TideCore

extension Parser {
    /// primary: literal | parameter | variable | "(" expr ")" | "(" query ")" | array_literal
    ///   | CASE ... END | CAST "(" expr AS type ")" | EXISTS "(" query ")"
    ///   | function_call | column_ref
    mutating func parsePrimary() throws(TideError) -> Expr {
        let token = current
        let start = NodeLocation(token.location)
        switch token.kind {
        case .integer, .decimal:
            return try parseNumericLiteral()
        case .interval(let digits, let unit):
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            advance()
            return Expr(.literal(.interval(value, unit)), location: start)
        case .string(let s):
            advance()
            return Expr(.literal(.string(s)), location: start)
        case .parameter(let n):
            advance()
            if let n { return Expr(.parameter(n), location: start) }
            defer { nextParameter += 1 }
            return Expr(.parameter(nextParameter), location: start)
        case .variable(let name, let system):
            advance()
            return Expr(.variable(name: name, system: system), location: start)
        case .symbol("("):
            advance()
            if isKeyword("SELECT") || isKeyword("WITH") {
                let query = try parseQuery()
                try expectSymbol(")")
                return Expr(.subquery(query), location: start)
            }
            let inner = try parseExpr()
            try expectSymbol(")")
            return inner
        case .symbol("["):
            return try parseArrayElements(elementType: nil, start: start)
        case .word(let w):
            return try parseWordPrimary(w.uppercased(), start: start)
        case .quotedIdentifier:
            return try parseNameOrCall(start: start)
        case .symbol, .endOfInput:
            throw ParserErrors.expected("an expression", found: token)
        }
    }

    private mutating func parseWordPrimary(_ upper: String, start: NodeLocation) throws(TideError) -> Expr {
        switch upper {
        case "NULL":
            advance()
            return Expr(.literal(.null), location: start)
        case "TRUE", "FALSE":
            advance()
            return Expr(.literal(.bool(upper == "TRUE")), location: start)
        case "CASE":
            return try parseCase()
        case "CAST":
            advance()
            try expectSymbol("(")
            let value = try parseExpr()
            try expectKeyword("AS")
            let type = try parseTypeName()
            try expectSymbol(")")
            return Expr(.cast(value, type), location: start)
        case "EXISTS":
            advance()
            try expectSymbol("(")
            let query = try parseQuery()
            try expectSymbol(")")
            return Expr(.exists(query), location: start)
        case "ARRAY" where isSymbol("<", ahead: 1) || isSymbol("[", ahead: 1):
            advance()
            var elementType: TypeName?
            if acceptSymbol("<") {
                let typeToken = current
                let type = try parseTypeName()
                guard case .scalar = type else {
                    throw ParserErrors.message("array literal elements must have a scalar type", at: typeToken)
                }
                try expectClosingAngle()
                elementType = type
            }
            return try parseArrayElements(elementType: elementType, start: start)
        default:
            if Keywords.isReserved(upper) { throw ParserErrors.expected("an expression", found: current) }
            return try parseNameOrCall(start: start)
        }
    }

    /// numeric_literal: integer ["L" | "f"] | decimal ["f"]
    mutating func parseNumericLiteral() throws(TideError) -> Expr {
        let token = current
        let start = NodeLocation(token.location)
        switch token.kind {
        case .integer(let digits, let suffix):
            if suffix == .float {
                advance()
                return Expr(.literal(.float(Float(digits) ?? .infinity)), location: start)
            }
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            advance()
            return Expr(.literal(suffix == .long ? .long(value) : .integer(value)), location: start)
        case .decimal(let text, let isFloat):
            if isFloat {
                guard let f = Float(text), f.isFinite else { throw ParserErrors.numberOutOfRange(text, at: token) }
                advance()
                return Expr(.literal(.float(f)), location: start)
            }
            guard let d = Double(text), d.isFinite else { throw ParserErrors.numberOutOfRange(text, at: token) }
            advance()
            return Expr(.literal(.double(d)), location: start)
        case .word, .quotedIdentifier, .interval, .string, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected("a number", found: token)
        }
    }

    /// array_elements: "[" [expr ("," expr)*] "]"
    private mutating func parseArrayElements(elementType: TypeName?, start: NodeLocation) throws(TideError) -> Expr {
        try expectSymbol("[")
        var elements: [Expr] = []
        if !isSymbol("]") {
            repeat { elements.append(try parseExpr()) } while acceptSymbol(",")
        }
        try expectSymbol("]")
        return Expr(.array(elementType: elementType, elements: elements), location: start)
    }

    /// case_expr: CASE [expr] (WHEN expr THEN expr)+ [ELSE expr] END
    private mutating func parseCase() throws(TideError) -> Expr {
        let start = location
        try expectKeyword("CASE")
        let operand = isKeyword("WHEN") || isKeyword("END") ? nil : try parseExpr()
        var whens: [CaseExpr.When] = []
        while acceptKeyword("WHEN") {
            let condition = try parseExpr()
            try expectKeyword("THEN")
            whens.append(CaseExpr.When(condition: condition, result: try parseExpr()))
        }
        if whens.isEmpty { throw ParserErrors.expected("WHEN", found: current) }
        let otherwise = acceptKeyword("ELSE") ? try parseExpr() : nil
        try expectKeyword("END")
        return Expr(.caseWhen(CaseExpr(operand: operand, whens: whens, otherwise: otherwise)), location: start)
    }

    /// function_call: name "(" ("*" ("," expr)* | [DISTINCT] [expr ("," expr)*]) ")" [OVER window_ref]
    /// column_ref: identifier ("." identifier){0,2}
    private mutating func parseNameOrCall(start: NodeLocation) throws(TideError) -> Expr {
        if isSymbol("(", ahead: 1) {
            let name = try parseAnyWord("function name")
            return Expr(.function(try parseCallArguments(name: QualifiedName([name]))), location: start)
        }
        let name = try parseQualifiedName("column name", maxParts: 3)
        return Expr(.column(name), location: start)
    }

    private mutating func parseCallArguments(name: QualifiedName) throws(TideError) -> FunctionCall {
        try expectSymbol("(")
        var call = FunctionCall(name: name, arguments: [])
        if acceptSymbol("*") {
            // count_where(*, cond): a star may lead further arguments.
            call.star = true
            while acceptSymbol(",") { call.arguments.append(try parseExpr()) }
        } else if !isSymbol(")") {
            call.distinct = acceptKeyword("DISTINCT")
            repeat { call.arguments.append(try parseExpr()) } while acceptSymbol(",")
        }
        try expectSymbol(")")
        if acceptKeyword("OVER") {
            if isSymbol("(") {
                call.over = .inline(try parseWindowSpec())
            } else {
                call.over = .named(try parseIdentifier("window name"))
            }
        }
        return call
    }
}
