import TideCore

/// Expressions by precedence, lowest first:
///
///     OR < XOR < AND < NOT < comparison (= != < <= > >= IS LIKE IN BETWEEN)
///        < | < ^ < & < + - < * / DIV % MOD < unary (- + ~ !) < postfix ([i]) < primary
///
/// `ExprPrecedence` states the same table for the printer.
extension Parser {
    /// expr: or_expr
    mutating func parseExpr() throws(TideError) -> Expr {
        try enter()
        defer { leave() }
        return try parseOr()
    }

    /// or_expr: xor_expr (OR xor_expr)*
    mutating func parseOr() throws(TideError) -> Expr {
        var left = try parseXor()
        var folds = 0
        defer { treeDepth -= folds }
        while isKeyword("OR") || isSymbol("||") {
            advance()
            try fold(&folds)
            left = Expr(.binary(.or, left, try parseXor()), location: left.location)
        }
        return left
    }

    /// xor_expr: and_expr (XOR and_expr)*
    mutating func parseXor() throws(TideError) -> Expr {
        var left = try parseAnd()
        var folds = 0
        defer { treeDepth -= folds }
        while acceptKeyword("XOR") {
            try fold(&folds)
            left = Expr(.binary(.xor, left, try parseAnd()), location: left.location)
        }
        return left
    }

    /// and_expr: not_expr (AND not_expr)*
    mutating func parseAnd() throws(TideError) -> Expr {
        var left = try parseNot()
        var folds = 0
        defer { treeDepth -= folds }
        while isKeyword("AND") || isSymbol("&&") {
            advance()
            try fold(&folds)
            left = Expr(.binary(.and, left, try parseNot()), location: left.location)
        }
        return left
    }

    /// not_expr: NOT not_expr | comparison
    mutating func parseNot() throws(TideError) -> Expr {
        let start = location
        if acceptKeyword("NOT") {
            try enter()
            defer { leave() }
            return Expr(.unary(.not, try parseNot()), location: start)
        }
        return try parseComparison()
    }

    /// comparison: bit_or ( cmp_op bit_or | IS [NOT] (NULL|TRUE|FALSE)
    ///   | [NOT] BETWEEN bit_or AND bit_or | [NOT] IN ( list | query )
    ///   | [NOT] (LIKE|ILIKE|RLIKE) bit_or [ESCAPE bit_or] )*
    mutating func parseComparison() throws(TideError) -> Expr {
        var left = try parseBitOr()
        var folds = 0
        defer { treeDepth -= folds }
        while true {
            if let op = comparisonOperator() {
                try fold(&folds)
                advance()
                left = Expr(.binary(op, left, try parseBitOr()), location: left.location)
                continue
            }
            if acceptKeyword("IS") {
                // IS, BETWEEN, IN and LIKE chain left-deep like the operators: each counts.
                try fold(&folds)
                let negated = acceptKeyword("NOT")
                let test: IsTest
                if acceptKeyword("NULL") {
                    test = .null
                } else if acceptKeyword("TRUE") {
                    test = .true
                } else if acceptKeyword("FALSE") {
                    test = .false
                } else {
                    throw ParserErrors.expected("NULL, TRUE or FALSE after IS", found: current)
                }
                left = Expr(.isTest(left, test, negated: negated), location: left.location)
                continue
            }
            let negated = isKeyword("NOT") && isPredicateKeyword(ahead: 1)
            if negated { advance() }
            if acceptKeyword("BETWEEN") {
                try fold(&folds)
                let low = try parseBitOr()
                try expectKeyword("AND")
                let high = try parseBitOr()
                left = Expr(.between(left, low: low, high: high, negated: negated), location: left.location)
            } else if acceptKeyword("IN") {
                try fold(&folds)
                left = try parseInPredicate(left, negated: negated)
            } else if let kind = likeKind() {
                try fold(&folds)
                advance()
                let pattern = try parseBitOr()
                let escape = acceptKeyword("ESCAPE") ? try parseBitOr() : nil
                let like = LikeExpr(kind: kind, negated: negated, value: left, pattern: pattern, escape: escape)
                left = Expr(.like(like), location: left.location)
            } else {
                return left
            }
        }
    }

    private func isPredicateKeyword(ahead: Int) -> Bool {
        ["BETWEEN", "IN", "LIKE", "ILIKE", "RLIKE"].contains { isKeyword($0, ahead: ahead) }
    }

    private func comparisonOperator() -> BinaryOperator? {
        guard case .symbol(let s) = current.kind else { return nil }
        switch s {
        case "=", "==": return .equal
        case "!=", "<>": return .notEqual
        case "<": return .less
        case "<=": return .lessOrEqual
        case ">": return .greater
        case ">=": return .greaterOrEqual
        default: return nil
        }
    }

    private func likeKind() -> LikeExpr.Kind? {
        if isKeyword("LIKE") { return .like }
        if isKeyword("ILIKE") { return .ilike }
        if isKeyword("RLIKE") { return .rlike }
        return nil
    }

    /// in_predicate: IN "(" (query | expr ("," expr)*) ")"
    private mutating func parseInPredicate(_ left: Expr, negated: Bool) throws(TideError) -> Expr {
        try expectSymbol("(")
        if isKeyword("SELECT") || isKeyword("WITH") {
            let query = try parseQuery()
            try expectSymbol(")")
            return Expr(.inQuery(left, query, negated: negated), location: left.location)
        }
        if isSymbol(")") { throw ParserErrors.expected("at least one value in IN (...)", found: current) }
        var items = [try parseExpr()]
        while acceptSymbol(",") { items.append(try parseExpr()) }
        try expectSymbol(")")
        return Expr(.inList(left, items, negated: negated), location: left.location)
    }

    /// bit_or: bit_xor ("|" bit_xor)*
    mutating func parseBitOr() throws(TideError) -> Expr {
        var left = try parseBitXor()
        var folds = 0
        defer { treeDepth -= folds }
        while acceptSymbol("|") {
            try fold(&folds)
            left = Expr(.binary(.bitwiseOr, left, try parseBitXor()), location: left.location)
        }
        return left
    }

    /// bit_xor: bit_and ("^" bit_and)*
    mutating func parseBitXor() throws(TideError) -> Expr {
        var left = try parseBitAnd()
        var folds = 0
        defer { treeDepth -= folds }
        while acceptSymbol("^") {
            try fold(&folds)
            left = Expr(.binary(.bitwiseXor, left, try parseBitAnd()), location: left.location)
        }
        return left
    }

    /// bit_and: additive ("&" additive)*
    mutating func parseBitAnd() throws(TideError) -> Expr {
        var left = try parseAdditive()
        var folds = 0
        defer { treeDepth -= folds }
        while acceptSymbol("&") {
            try fold(&folds)
            left = Expr(.binary(.bitwiseAnd, left, try parseAdditive()), location: left.location)
        }
        return left
    }

    /// additive: multiplicative (("+" | "-") multiplicative)*
    mutating func parseAdditive() throws(TideError) -> Expr {
        var left = try parseMultiplicative()
        var folds = 0
        defer { treeDepth -= folds }
        while true {
            let op: BinaryOperator
            if acceptSymbol("+") {
                op = .add
            } else if acceptSymbol("-") {
                op = .subtract
            } else {
                return left
            }
            try fold(&folds)
            left = Expr(.binary(op, left, try parseMultiplicative()), location: left.location)
        }
    }

    /// multiplicative: unary (("*" | "/" | DIV | "%" | MOD) unary)*
    mutating func parseMultiplicative() throws(TideError) -> Expr {
        var left = try parseUnary()
        var folds = 0
        defer { treeDepth -= folds }
        while true {
            let op: BinaryOperator
            if acceptSymbol("*") {
                op = .multiply
            } else if acceptSymbol("/") {
                op = .divide
            } else if acceptKeyword("DIV") {
                op = .integerDivide
            } else if acceptSymbol("%") || acceptKeyword("MOD") {
                op = .modulo
            } else {
                return left
            }
            try fold(&folds)
            left = Expr(.binary(op, left, try parseUnary()), location: left.location)
        }
    }

    /// unary: ("-" | "+" | "~" | "!") unary | postfix
    ///
    /// A minus directly before a numeric literal folds into the literal, so `-5` is the
    /// literal -5 (and -9223372036854775808 is representable).
    mutating func parseUnary() throws(TideError) -> Expr {
        let start = location
        let op: UnaryOperator
        if isSymbol("-") {
            op = .minus
        } else if isSymbol("+") {
            op = .plus
        } else if isSymbol("~") {
            op = .bitwiseNot
        } else if isSymbol("!") {
            op = .not
        } else {
            return try parsePostfix()
        }
        advance()
        if op == .minus, let folded = try negativeLiteral(start: start) { return folded }
        try enter()
        defer { leave() }
        return Expr(.unary(op, try parseUnary()), location: start)
    }

    private mutating func negativeLiteral(start: NodeLocation) throws(TideError) -> Expr? {
        let token = current
        let literal: Literal
        switch token.kind {
        case .integer(let digits, let suffix):
            guard let magnitude = UInt64(digits), magnitude <= UInt64(Int64.max) + 1 else {
                throw ParserErrors.integerOutOfRange("-" + digits, at: token)
            }
            let value = magnitude == UInt64(Int64.max) + 1 ? Int64.min : -Int64(magnitude)
            switch suffix {
            case .none: literal = .integer(value)
            case .long: literal = .long(value)
            case .float: literal = .float(-Float(magnitude))
            }
        case .decimal:
            guard case .literal(let positive) = try parseNumericLiteral().kind else { return nil }
            switch positive {
            case .double(let d): return Expr(.literal(.double(-d)), location: start)
            case .float(let f): return Expr(.literal(.float(-f)), location: start)
            case .null, .bool, .integer, .long, .string, .interval: return nil
            }
        case .word, .quotedIdentifier, .interval, .string, .parameter, .variable, .symbol, .endOfInput:
            return nil
        }
        advance()
        return Expr(.literal(literal), location: start)
    }

    /// postfix: primary ("[" expr "]")*
    mutating func parsePostfix() throws(TideError) -> Expr {
        var expr = try parsePrimary()
        while acceptSymbol("[") {
            let subscriptExpr = try parseExpr()
            try expectSymbol("]")
            expr = Expr(.element(expr, subscriptExpr), location: expr.location)
        }
        return expr
    }
}
