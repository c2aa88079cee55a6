/// One lexical token of a client's SQL, as the compatibility layer compares them.
struct SQLToken: Sendable, Hashable {
    enum Kind: Sendable, Hashable {
        /// A keyword or unquoted identifier.
        case word
        case quotedIdentifier
        case string
        case number
        /// `$n` with no value to put in its place.
        case parameter
        /// Punctuation (`(`, `,`, `::`, ...) and operators (`=`, `!~`, `||`, ...).
        case symbol
    }

    var kind: Kind
    /// Words lower-cased (PostgreSQL folds them); identifiers and strings unquoted; the rest as written.
    var text: String
    /// A word as the client wrote it (`ISO` in `SET datestyle TO ISO`); otherwise `text`.
    var raw: String

    init(_ kind: Kind, _ text: String, raw: String? = nil) {
        self.kind = kind
        self.text = text
        self.raw = raw ?? text
    }

    /// The form fragments are compared in: words lower-cased, identifiers in double quotes,
    /// strings in single quotes.
    var canonical: String {
        switch kind {
        case .word, .number, .symbol, .parameter: return text
        case .quotedIdentifier: return "\"" + text.replacing("\"", with: "\"\"") + "\""
        case .string: return "'" + text.replacing("'", with: "''") + "'"
        }
    }

    /// True for the word `word` (lower case).
    func isWord(_ word: String) -> Bool { kind == .word && text == word }

    /// True for the symbol `symbol`.
    func isSymbol(_ symbol: String) -> Bool { kind == .symbol && text == symbol }

    /// A name: a word or quoted identifier.
    var isName: Bool { kind == .word || kind == .quotedIdentifier }

    /// SQL's NULL, which `$n` parameters without a value also become.
    var isNull: Bool { isWord("null") }
}

/// Splits SQL into tokens the way PostgreSQL's lexer does, closely enough to compare client
/// queries: comments dropped, `$n` replaced by the parameter's value (a string, or NULL).
struct SQLTokenizer {
    private let scalars: [Unicode.Scalar]
    private let parameters: [String?]
    private var position = 0

    private static let operatorCharacters = Set("+-*/<>=~!@#%^&|`?".unicodeScalars)
    private static let punctuation = Set("()[]{},;:.".unicodeScalars)

    /// The tokens of `sql`, with `$n` replaced by `parameters[n - 1]` when there is one.
    static func tokenize(_ sql: String, parameters: [String?] = []) -> [SQLToken] {
        var tokenizer = SQLTokenizer(scalars: Array(sql.unicodeScalars), parameters: parameters)
        return tokenizer.run()
    }

    private init(scalars: [Unicode.Scalar], parameters: [String?]) {
        self.scalars = scalars
        self.parameters = parameters
    }

    private func peek(_ offset: Int = 0) -> Unicode.Scalar? {
        position + offset < scalars.count ? scalars[position + offset] : nil
    }

    private mutating func run() -> [SQLToken] {
        var tokens: [SQLToken] = []
        while let c = peek() {
            if c.properties.isWhitespace {
                position += 1
            } else if c == "-", peek(1) == "-" {
                while let d = peek(), d != "\n" { position += 1 }
            } else if c == "/", peek(1) == "*" {
                skipBlockComment()
            } else if c == "'" {
                tokens.append(SQLToken(.string, quoted(escapes: false)))
            } else if (c == "e" || c == "E"), peek(1) == "'" {
                position += 1
                tokens.append(SQLToken(.string, quoted(escapes: true)))
            } else if c == "\"" {
                tokens.append(SQLToken(.quotedIdentifier, delimited(by: "\"")))
            } else if c == "$" {
                tokens.append(dollar())
            } else if c.properties.isAlphabetic || c == "_" {
                let word = scan {
                    $0.properties.isAlphabetic || $0.properties.numericType != nil || $0 == "_" || $0 == "$"
                }
                tokens.append(SQLToken(.word, word.lowercased(), raw: word))
            } else if Self.isDigit(c) || (c == "." && peek(1).map(Self.isDigit) == true) {
                tokens.append(SQLToken(.number, number()))
            } else if c == ":", peek(1) == ":" {
                position += 2
                tokens.append(SQLToken(.symbol, "::"))
            } else if Self.punctuation.contains(c) {
                position += 1
                tokens.append(SQLToken(.symbol, String(c)))
            } else if Self.operatorCharacters.contains(c) {
                tokens.append(SQLToken(.symbol, operatorText()))
            } else {
                position += 1
                tokens.append(SQLToken(.symbol, String(c)))
            }
        }
        return tokens
    }

    private static func isDigit(_ c: Unicode.Scalar) -> Bool { c >= "0" && c <= "9" }

    private mutating func scan(while accept: (Unicode.Scalar) -> Bool) -> String {
        var out = String.UnicodeScalarView()
        while let c = peek(), accept(c) {
            out.append(c)
            position += 1
        }
        return String(out)
    }

    private mutating func skipBlockComment() {
        position += 2
        while let c = peek() {
            if c == "*", peek(1) == "/" {
                position += 2
                return
            }
            position += 1
        }
    }

    /// A `'...'` string (`''` is a quote; with `escapes`, backslash escapes as in `E'\n'`).
    private mutating func quoted(escapes: Bool) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while let c = peek() {
            position += 1
            if c == "'" {
                if peek() == "'" {
                    out.append("'")
                    position += 1
                    continue
                }
                return String(out)
            }
            if escapes, c == "\\", let next = peek() {
                position += 1
                switch next {
                case "n": out.append("\n")
                case "t": out.append("\t")
                case "r": out.append("\r")
                default: out.append(next)
                }
                continue
            }
            out.append(c)
        }
        return String(out)
    }

    /// Text between two `delimiter`s, a doubled delimiter standing for one.
    private mutating func delimited(by delimiter: Unicode.Scalar) -> String {
        position += 1
        var out = String.UnicodeScalarView()
        while let c = peek() {
            position += 1
            if c == delimiter {
                if peek() == delimiter {
                    out.append(delimiter)
                    position += 1
                    continue
                }
                break
            }
            out.append(c)
        }
        return String(out)
    }

    /// `$n` (a parameter) or a `$tag$...$tag$` string.
    private mutating func dollar() -> SQLToken {
        position += 1
        let digits = scan(while: Self.isDigit)
        if !digits.isEmpty {
            guard let n = Int(digits), n >= 1, n <= parameters.count else { return SQLToken(.parameter, "$" + digits) }
            guard let value = parameters[n - 1] else { return SQLToken(.word, "null", raw: "NULL") }
            return SQLToken(.string, value)
        }
        let tag = scan { $0.properties.isAlphabetic || $0 == "_" }
        guard peek() == "$" else { return SQLToken(.symbol, "$" + tag) }
        position += 1
        let close = Array(("$" + tag + "$").unicodeScalars)
        var out = String.UnicodeScalarView()
        while position < scalars.count {
            if scalars[position] == "$", position + close.count <= scalars.count,
                Array(scalars[position..<position + close.count]) == close
            {
                position += close.count
                break
            }
            out.append(scalars[position])
            position += 1
        }
        return SQLToken(.string, String(out))
    }

    private mutating func number() -> String {
        var text = scan { Self.isDigit($0) || $0 == "." }
        if let e = peek(), e == "e" || e == "E", let next = peek(1),
            Self.isDigit(next) || ((next == "+" || next == "-") && peek(2).map(Self.isDigit) == true)
        {
            position += 2
            text += "e" + String(next) + scan(while: Self.isDigit)
        }
        return text
    }

    /// An operator: the longest run of operator characters, except that (as in PostgreSQL)
    /// it ends before a comment and does not end in `+` or `-` unless it has one of `~!@#%^&|`?`.
    private mutating func operatorText() -> String {
        var chars: [Unicode.Scalar] = []
        while let c = peek(), Self.operatorCharacters.contains(c) {
            if (c == "-" && peek(1) == "-") || (c == "/" && peek(1) == "*"), !chars.isEmpty { break }
            chars.append(c)
            position += 1
        }
        let special = Set("~!@#%^&|`?".unicodeScalars)
        while chars.count > 1, let last = chars.last, last == "+" || last == "-",
            !chars.contains(where: { special.contains($0) })
        {
            chars.removeLast()
            position -= 1
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: chars)
        return String(view)
    }
}
