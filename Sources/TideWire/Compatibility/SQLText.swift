/// A client's statement as tokens, with helpers to recognise it by distinctive fragments and
/// to read the names and patterns it embeds. Fragments are compared token by token, so
/// whitespace, line breaks and keyword case never matter.
struct SQLText: Sendable {
    let tokens: [SQLToken]
    /// The canonical tokens joined by single spaces, with a space at each end.
    let canonical: String

    /// Tokenizes `sql` (parameters in place of `$n`), dropping trailing semicolons.
    init(_ sql: String, parameters: [String?] = []) {
        var tokens = SQLTokenizer.tokenize(sql, parameters: parameters)
        while tokens.last?.isSymbol(";") == true { tokens.removeLast() }
        self.init(tokens: tokens)
    }

    init(tokens: [SQLToken]) {
        self.tokens = tokens
        canonical = " " + tokens.map(\.canonical).joined(separator: " ") + " "
    }

    /// True when the text holds more than one statement.
    var hasSeveralStatements: Bool { tokens.contains { $0.isSymbol(";") } }

    /// The first token's word, if it is one.
    var firstWord: String? { tokens.first.flatMap { $0.kind == .word ? $0.text : nil } }

    /// The words of the statement, in order (for statements made only of words, like `BEGIN WORK`).
    var words: [String] { tokens.map(\.text) }

    /// The canonical form of a fragment (as `canonical`, without the end spaces).
    static func canonical(_ fragment: String) -> String {
        SQLTokenizer.tokenize(fragment).map(\.canonical).joined(separator: " ")
    }

    /// True when the text holds `fragment`, compared token by token.
    func contains(_ fragment: String) -> Bool {
        canonical.contains(" " + Self.canonical(fragment) + " ")
    }

    /// True when the text holds every fragment.
    func contains(all fragments: [String]) -> Bool { fragments.allSatisfy(contains) }

    /// The index of the token just after the first occurrence of `fragment` at or after `start`.
    func index(after fragment: String, from start: Int = 0) -> Int? {
        let wanted = SQLTokenizer.tokenize(fragment).map(\.canonical)
        guard !wanted.isEmpty, tokens.count >= wanted.count, start <= tokens.count - wanted.count else { return nil }
        for i in start...(tokens.count - wanted.count)
        where (0..<wanted.count).allSatisfy({ tokens[i + $0].canonical == wanted[$0] }) {
            return i + wanted.count
        }
        return nil
    }

    /// The string literal right after `fragment` (`c.relname LIKE 't%'` → `t%`); nil when the
    /// fragment is absent or followed by anything else (such as a parameter without a value).
    func string(after fragment: String) -> String? {
        guard let i = index(after: fragment), i < tokens.count, tokens[i].kind == .string else { return nil }
        return tokens[i].text
    }

    /// The number right after `fragment`, or a string holding one (`c.oid = '16385'`).
    func integer(after fragment: String) -> Int64? {
        guard let i = index(after: fragment), i < tokens.count else { return nil }
        switch tokens[i].kind {
        case .number, .string: return Int64(tokens[i].text)
        case .word, .quotedIdentifier, .parameter, .symbol: return nil
        }
    }

    /// A literal's value the way a filter reads it: a string, a number, or nil for NULL and
    /// anything that is not a literal.
    static func literalValue(_ token: SQLToken) -> String? {
        switch token.kind {
        case .string, .number: return token.text
        case .word, .quotedIdentifier, .parameter, .symbol: return nil
        }
    }

    /// The literals of the parenthesised list after `fragment` (`relname IN ('t'::VARCHAR, 'u')`,
    /// `ARRAY['r'::VARCHAR]`, `relkind IN ('r','p')`), casts skipped; nil when the fragment is absent.
    /// Elements that are not literals (NULL, parameters without a value) are left out.
    func list(after fragment: String) -> [String]? {
        guard var i = index(after: fragment), i < tokens.count else { return nil }
        guard tokens[i].isSymbol("(") || tokens[i].isSymbol("[") else { return nil }
        let close = tokens[i].isSymbol("(") ? ")" : "]"
        i += 1
        var values: [String] = []
        var depth = 0
        var expectValue = true
        while i < tokens.count {
            let token = tokens[i]
            if depth == 0, token.isSymbol(close) { return values }
            if token.isSymbol("(") || token.isSymbol("[") {
                depth += 1
            } else if token.isSymbol(")") || token.isSymbol("]") {
                depth -= 1
            } else if depth == 0, token.isSymbol(",") {
                expectValue = true
            } else if depth == 0, expectValue {
                if let value = Self.literalValue(token) { values.append(value) }
                expectValue = false
            }
            i += 1
        }
        return values
    }
}
