import TideCore

/// A hand-written recursive-descent parser for TideDB's SQL dialect (OpenMLDB's).
///
/// One `mutating func parseX()` per grammar production, grouped by area in `Parser+Area.swift`;
/// each one's doc comment starts with its production. Only `mutating` functions consume
/// tokens. Keywords are matched case-insensitively against unquoted words and are reserved
/// only where `Keywords.reserved` says so.
public struct Parser {
    var tokens: [Token]
    var index: Int = 0
    /// Counts `?` placeholders so each gets its 1-based position.
    var nextParameter: Int = 1
    /// Nesting depth of expressions and queries; bounded so hostile input cannot overflow the stack.
    var depth: Int = 0
    /// The depth of the tree being built: nesting plus the operators of the operator chains
    /// around the current point (`a + b + c` is a tree two deep). Everything after the parser
    /// (binder, printer, evaluators) recurses over that tree, so it is bounded too.
    var treeDepth: Int = 0
    /// The statement's timeout and cancel, checked every 65,536 nodes (see `enter`).
    var interrupt: StatementInterrupt?
    var entered = 0

    static let maxDepth = 200
    /// Deep enough for generated feature SQL (hundreds of terms in one sum), well within
    /// the stack of every thread that runs statements.
    static let maxTreeDepth = 400

    /// Parses exactly one statement from `text` (a trailing `;` is allowed), checking
    /// `interrupt`, when given, while it lexes and parses (a statement of many megabytes takes
    /// seconds).
    public static func parseStatement(
        _ text: String, start: SourceLocation = .start, interrupt: StatementInterrupt? = nil
    ) throws(TideError) -> Statement {
        var parser = Parser(tokens: try Lexer.tokenize(text, start: start, interrupt: interrupt))
        parser.interrupt = interrupt
        let statement = try parser.parseStatement()
        _ = parser.acceptSymbol(";")
        try parser.expectEnd()
        return statement
    }

    /// Parses a single expression (used by tests and by option values given as text).
    public static func parseExpression(_ text: String) throws(TideError) -> Expr {
        var parser = Parser(tokens: try Lexer.tokenize(text))
        let expr = try parser.parseExpr()
        try parser.expectEnd()
        return expr
    }

    init(tokens: [Token]) {
        self.tokens = tokens
    }

    // MARK: - Looking at tokens

    var current: Token { tokens[min(index, tokens.count - 1)] }

    func token(at ahead: Int) -> Token { tokens[min(index + ahead, tokens.count - 1)] }

    var location: NodeLocation { NodeLocation(current.location) }

    /// True if the token `ahead` positions on is the unquoted word `keyword` (any case).
    func isKeyword(_ keyword: String, ahead: Int = 0) -> Bool {
        if case .word(let w) = token(at: ahead).kind {
            return w.count == keyword.count && w.uppercased() == keyword
        }
        return false
    }

    func isSymbol(_ symbol: String, ahead: Int = 0) -> Bool {
        if case .symbol(let s) = token(at: ahead).kind { return s == symbol }
        return false
    }

    var atEnd: Bool {
        if case .endOfInput = current.kind { return true }
        return false
    }

    // MARK: - Consuming tokens

    mutating func advance() {
        if index < tokens.count - 1 { index += 1 }
    }

    mutating func acceptKeyword(_ keyword: String) -> Bool {
        guard isKeyword(keyword) else { return false }
        advance()
        return true
    }

    /// Accepts a sequence of keywords only if all of them are next.
    mutating func acceptKeywords(_ keywords: String...) -> Bool {
        for (i, k) in keywords.enumerated() where !isKeyword(k, ahead: i) { return false }
        for _ in keywords { advance() }
        return true
    }

    mutating func expectKeyword(_ keyword: String) throws(TideError) {
        guard acceptKeyword(keyword) else { throw ParserErrors.expected(keyword, found: current) }
    }

    mutating func acceptSymbol(_ symbol: String) -> Bool {
        guard isSymbol(symbol) else { return false }
        advance()
        return true
    }

    mutating func expectSymbol(_ symbol: String) throws(TideError) {
        guard acceptSymbol(symbol) else { throw ParserErrors.expected("\"\(symbol)\"", found: current) }
    }

    /// Splits a `>>` token into two `>` (closing nested `ARRAY<MAP<...>>`) and accepts one.
    mutating func expectClosingAngle() throws(TideError) {
        if isSymbol(">>") {
            var first = current
            first.kind = .symbol(">")
            var second = current
            second.kind = .symbol(">")
            second.location.offset += 1
            second.location.column += 1
            tokens[index] = first
            tokens.insert(second, at: index + 1)
        }
        try expectSymbol(">")
    }

    mutating func expectEnd() throws(TideError) {
        guard atEnd else { throw ParserErrors.expected("end of statement", found: current) }
    }

    /// Guards recursion depth for deeply nested input.
    mutating func enter() throws(TideError) {
        depth += 1
        treeDepth += 1
        entered += 1
        if entered & 0xFFFF == 0 { try interrupt?.check() }
        if depth > Self.maxDepth { throw ParserErrors.tooDeep(at: current) }
        if treeDepth > Self.maxTreeDepth { throw ParserErrors.tooComplex(at: current) }
    }

    mutating func leave() {
        depth -= 1
        treeDepth -= 1
    }

    /// One more operator folded into a left-deep chain; `folds` counts them so the caller
    /// can give them back (`treeDepth -= folds`) when the chain ends.
    mutating func fold(_ folds: inout Int) throws(TideError) {
        folds += 1
        treeDepth += 1
        if treeDepth > Self.maxTreeDepth { throw ParserErrors.tooComplex(at: current) }
    }

    // MARK: - Names

    /// identifier: an unquoted word that is not reserved here, or a backquoted name.
    mutating func parseIdentifier(_ what: String = "identifier") throws(TideError) -> Identifier {
        let token = current
        switch token.kind {
        case .word(let w) where !Keywords.isReserved(w):
            advance()
            return Identifier(w, location: NodeLocation(token.location))
        case .quotedIdentifier(let w):
            advance()
            return Identifier(w, location: NodeLocation(token.location))
        case .word, .integer, .decimal, .interval, .string, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected(what, found: token)
        }
    }

    /// Any word, reserved or not (option names, `ttl_type` values).
    mutating func parseAnyWord(_ what: String) throws(TideError) -> Identifier {
        let token = current
        switch token.kind {
        case .word(let w), .quotedIdentifier(let w):
            advance()
            return Identifier(w, location: NodeLocation(token.location))
        case .integer, .decimal, .interval, .string, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected(what, found: token)
        }
    }

    /// True if the current token can start an identifier.
    var atIdentifier: Bool {
        switch current.kind {
        case .word(let w): return !Keywords.isReserved(w)
        case .quotedIdentifier: return true
        case .integer, .decimal, .interval, .string, .parameter, .variable, .symbol, .endOfInput: return false
        }
    }

    /// qualified_name: identifier ("." identifier){0, maxParts-1}
    mutating func parseQualifiedName(_ what: String, maxParts: Int) throws(TideError) -> QualifiedName {
        var parts = [try parseIdentifier(what)]
        while isSymbol("."), !isSymbol("*", ahead: 1) {
            let dot = current
            if parts.count == maxParts { throw ParserErrors.tooManyNameParts(what, max: maxParts, at: dot) }
            advance()
            parts.append(try parseIdentifier(what))
        }
        return QualifiedName(parts)
    }

    /// table_name: [database "."] table
    ///
    /// Reserved words that cannot start a clause here (`all`, `user`, ...) are accepted as
    /// table names, as OpenMLDB does.
    mutating func parseTableName() throws(TideError) -> QualifiedName {
        if case .word(let w) = current.kind, Keywords.isReserved(w), !Keywords.endsTableName(w) {
            let first = Identifier(w, location: location)
            advance()
            var parts = [first]
            if acceptSymbol(".") { parts.append(try parseIdentifier("table name")) }
            return QualifiedName(parts)
        }
        return try parseQualifiedName("table name", maxParts: 2)
    }

    /// string_literal: '...' | "..."
    mutating func parseStringLiteral(_ what: String) throws(TideError) -> String {
        guard case .string(let s) = current.kind else { throw ParserErrors.expected(what, found: current) }
        advance()
        return s
    }

    /// An unsigned integer literal (LIMIT, MAXSIZE, VARCHAR(n)).
    mutating func parseIntegerLiteral(_ what: String) throws(TideError) -> Int64 {
        let token = current
        guard case .integer(let digits, let suffix) = token.kind, suffix != .float else {
            throw ParserErrors.expected(what, found: token)
        }
        guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
        advance()
        return value
    }
}
