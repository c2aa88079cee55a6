import TideCore

/// Errors the parser detects. Each says what was expected and what was found.
enum ParserErrors {
    static func expected(_ what: String, found token: Token) -> TideError {
        TideError(.syntaxError, "syntax error: expected \(what), found \(token.displayText)", position: token.location)
    }

    static func message(_ message: String, at token: Token, hint: String? = nil) -> TideError {
        TideError(.syntaxError, "syntax error: \(message)", hint: hint, position: token.location)
    }

    static func integerOutOfRange(_ digits: String, at token: Token) -> TideError {
        TideError(
            .numericValueOutOfRange, "integer literal \(digits) is out of range for bigint", position: token.location)
    }

    static func numberOutOfRange(_ text: String, at token: Token) -> TideError {
        TideError(.numericValueOutOfRange, "numeric literal \(text) is out of range", position: token.location)
    }

    static func tooManyNameParts(_ what: String, max: Int, at token: Token) -> TideError {
        TideError(
            .syntaxError, "syntax error: a \(what) has at most \(max) dotted parts, found another \".\"",
            position: token.location)
    }

    static func tooDeep(at token: Token) -> TideError {
        TideError(
            .syntaxError, "syntax error: statement nested too deeply (more than \(Parser.maxDepth) levels)",
            position: token.location)
    }

    static func tooComplex(at token: Token) -> TideError {
        TideError(
            "54001",
            "statement too complex: more than \(Parser.maxTreeDepth) levels of operators, joins, UNIONs and nesting",
            hint: "split long chains (a + b + ..., t1 JOIN t2 JOIN ..., UNION ALL ...) into several steps or columns",
            position: token.location)
    }

    static func duplicate(_ what: String, at token: Token) -> TideError {
        TideError(.syntaxError, "syntax error: \(what) given more than once", position: token.location)
    }
}
