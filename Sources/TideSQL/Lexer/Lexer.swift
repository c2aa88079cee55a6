import TideCore

/// Turns SQL text into tokens, tracking the byte offset, line and column of each.
///
/// Handles `--`, `#` and `/* */` comments, '...' and "..." strings with backslash escapes (and
/// doubled quotes), backquoted identifiers, numeric literals with OpenMLDB's suffixes (`L`,
/// `f`, and the interval units `s m h d`), `?`/`$n` placeholders and `@@` variables.
public struct Lexer {
    private let bytes: [UInt8]
    private var index: Int
    private var line: Int
    private var column: Int
    private let baseOffset: Int

    /// - Parameters:
    ///   - text: the SQL to read.
    ///   - start: where `text` begins in the script it came from, so that positions refer to
    ///     the whole script.
    public init(_ text: String, start: SourceLocation = .start) {
        self.bytes = Array(text.utf8)
        self.index = 0
        self.line = start.line
        self.column = start.column
        self.baseOffset = start.offset
    }

    /// All tokens, ending with `.endOfInput`.
    /// `interrupt` (the statement's timeout and cancel) is checked every 65,536 tokens.
    public static func tokenize(
        _ text: String, start: SourceLocation = .start, interrupt: StatementInterrupt? = nil
    ) throws(TideError) -> [Token] {
        var lexer = Lexer(text, start: start)
        var tokens: [Token] = []
        while true {
            let token = try lexer.next()
            tokens.append(token)
            if tokens.count & 0xFFFF == 0 { try interrupt?.check() }
            if case .endOfInput = token.kind { return tokens }
        }
    }

    private var here: SourceLocation {
        SourceLocation(offset: baseOffset + index, line: line, column: column)
    }

    private func peek(_ ahead: Int = 0) -> UInt8? {
        let i = index + ahead
        return i < bytes.count ? bytes[i] : nil
    }

    private mutating func bump() {
        let b = bytes[index]
        index += 1
        if b == UInt8(ascii: "\n") {
            line += 1
            column = 1
        } else if b & 0xC0 != 0x80 {
            column += 1
        } else {
            // A UTF-8 continuation byte belongs to the character already counted.
        }
    }

    /// The next token.
    public mutating func next() throws(TideError) -> Token {
        try skipTrivia()
        let start = here
        guard let c = peek() else {
            return Token(kind: .endOfInput, location: start, endOffset: start.offset)
        }
        let kind: Token.Kind
        if Self.isIdentifierStart(c) {
            kind = .word(readWord())
        } else if Self.isDigit(c) || (c == UInt8(ascii: ".") && peek(1).map(Self.isDigit) == true) {
            kind = try readNumber(start: start)
        } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") {
            kind = .string(try readQuoted(quote: c, start: start))
        } else if c == UInt8(ascii: "`") {
            kind = .quotedIdentifier(try readQuoted(quote: c, start: start))
        } else if c == UInt8(ascii: "?") {
            bump()
            kind = .parameter(nil)
        } else if c == UInt8(ascii: "$"), let d = peek(1), Self.isDigit(d) {
            bump()
            let digits = readWhile(Self.isDigit)
            guard let n = Int(digits), n >= 1 else {
                throw LexerErrors.badParameter("$" + digits, at: start)
            }
            kind = .parameter(n)
        } else if c == UInt8(ascii: "@") {
            kind = try readVariable(start: start)
        } else {
            kind = .symbol(try readSymbol(start: start))
        }
        return Token(kind: kind, location: start, endOffset: baseOffset + index)
    }

    // MARK: - Trivia

    private mutating func skipTrivia() throws(TideError) {
        while let c = peek() {
            if c == 0x20 || c == 0x09 || c == 0x0A || c == 0x0D || c == 0x0C {
                bump()
            } else if c == UInt8(ascii: "-"), peek(1) == UInt8(ascii: "-") {
                while let d = peek(), d != 0x0A { bump() }
            } else if c == UInt8(ascii: "#") {
                while let d = peek(), d != 0x0A { bump() }
            } else if c == UInt8(ascii: "/"), peek(1) == UInt8(ascii: "*") {
                let start = here
                bump()
                bump()
                while true {
                    guard let d = peek() else { throw LexerErrors.unterminatedComment(at: start) }
                    if d == UInt8(ascii: "*"), peek(1) == UInt8(ascii: "/") {
                        bump()
                        bump()
                        break
                    }
                    bump()
                }
            } else {
                return
            }
        }
    }

    // MARK: - Words and numbers

    static func isIdentifierStart(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || c == UInt8(ascii: "_") || c >= 0x80
    }

    static func isIdentifierPart(_ c: UInt8) -> Bool { isIdentifierStart(c) || isDigit(c) }

    static func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }

    private mutating func readWhile(_ predicate: (UInt8) -> Bool) -> String {
        let start = index
        while let c = peek(), predicate(c) { bump() }
        return String(decoding: bytes[start..<index], as: UTF8.self)
    }

    private mutating func readWord() -> String { readWhile(Self.isIdentifierPart) }

    private mutating func readNumber(start: SourceLocation) throws(TideError) -> Token.Kind {
        var text = readWhile(Self.isDigit)
        var isDecimal = false
        if peek() == UInt8(ascii: "."), peek(1).map(Self.isDigit) == true || !text.isEmpty {
            // "1." and "1.5" are decimals; ".5" too (text is empty then).
            bump()
            text += "." + readWhile(Self.isDigit)
            isDecimal = true
        }
        if let e = peek(), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            let signed = peek(1) == UInt8(ascii: "+") || peek(1) == UInt8(ascii: "-")
            if let d = peek(signed ? 2 : 1), Self.isDigit(d) {
                bump()
                text += "e"
                if signed {
                    text += peek() == UInt8(ascii: "-") ? "-" : "+"
                    bump()
                }
                text += readWhile(Self.isDigit)
                isDecimal = true
            }
        }
        if text.hasPrefix(".") { text = "0" + text }
        if text.hasSuffix(".") { text += "0" }
        // A suffix must end the literal: "0xFF" or "12abc" is an error, not "12" then a name.
        guard let c = peek(), Self.isIdentifierPart(c) else {
            return isDecimal ? .decimal(text: text, isFloat: false) : .integer(digits: text, suffix: .none)
        }
        let suffix = readWord()
        let end = peek().map { !Self.isIdentifierPart($0) } ?? true
        if end {
            if suffix == "f" || suffix == "F" {
                return isDecimal ? .decimal(text: text, isFloat: true) : .integer(digits: text, suffix: .float)
            }
            if !isDecimal, suffix == "L" || suffix == "l" {
                return .integer(digits: text, suffix: .long)
            }
            if !isDecimal, suffix.count == 1, let unit = IntervalUnit(rawValue: suffix.lowercased()) {
                return .interval(digits: text, unit: unit)
            }
        }
        throw LexerErrors.trailingJunk(text + suffix, at: start)
    }

    // MARK: - Quoted text

    private mutating func readQuoted(quote: UInt8, start: SourceLocation) throws(TideError) -> String {
        bump()
        var out: [UInt8] = []
        let escapes = quote != UInt8(ascii: "`")
        while true {
            guard let c = peek() else {
                throw escapes
                    ? LexerErrors.unterminatedString(at: start) : LexerErrors.unterminatedIdentifier(at: start)
            }
            if c == quote {
                bump()
                if peek() == quote {
                    out.append(quote)
                    bump()
                    continue
                }
                return String(decoding: out, as: UTF8.self)
            }
            if escapes && c == UInt8(ascii: "\\") {
                bump()
                guard let e = peek() else { throw LexerErrors.unterminatedString(at: start) }
                bump()
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "0"): out.append(0x00)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "Z"): out.append(0x1A)
                default: out.append(e)
                }
                continue
            }
            out.append(c)
            bump()
        }
    }

    private mutating func readVariable(start: SourceLocation) throws(TideError) -> Token.Kind {
        bump()
        let system = peek() == UInt8(ascii: "@")
        if system { bump() }
        var name = ""
        while true {
            if let c = peek(), Self.isIdentifierStart(c) {
                name += readWord()
            } else if peek() == UInt8(ascii: "`") {
                name += try readQuoted(quote: UInt8(ascii: "`"), start: start)
            } else {
                break
            }
            if peek() == UInt8(ascii: "."), let n = peek(1), Self.isIdentifierStart(n) {
                bump()
                name += "."
            } else {
                break
            }
        }
        guard !name.isEmpty else { throw LexerErrors.badVariable(at: start) }
        return .variable(name: name, system: system)
    }

    /// Two-character operators: `<=`, `>=`, `<>`, `!=`, `==`, `%%`, `+=`, `-=`, `||`, `&&`,
    /// `<<`, `>>` (by their bytes, so that a symbol costs no hashing).
    private static func isTwoCharSymbol(_ c: UInt8, _ d: UInt8) -> Bool {
        switch (c, d) {
        case (UInt8(ascii: "<"), UInt8(ascii: "=")), (UInt8(ascii: ">"), UInt8(ascii: "=")),
            (UInt8(ascii: "<"), UInt8(ascii: ">")), (UInt8(ascii: "!"), UInt8(ascii: "=")),
            (UInt8(ascii: "="), UInt8(ascii: "=")), (UInt8(ascii: "%"), UInt8(ascii: "%")),
            (UInt8(ascii: "+"), UInt8(ascii: "=")), (UInt8(ascii: "-"), UInt8(ascii: "=")),
            (UInt8(ascii: "|"), UInt8(ascii: "|")), (UInt8(ascii: "&"), UInt8(ascii: "&")),
            (UInt8(ascii: "<"), UInt8(ascii: "<")), (UInt8(ascii: ">"), UInt8(ascii: ">")):
            return true
        default:
            return false
        }
    }

    /// One-character symbols: `( ) , ; . * + - / % = < > & | ^ ~ ! [ ] :`.
    private static func isSingleSymbol(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "."),
            UInt8(ascii: "*"), UInt8(ascii: "+"), UInt8(ascii: "-"), UInt8(ascii: "/"), UInt8(ascii: "%"),
            UInt8(ascii: "="), UInt8(ascii: "<"), UInt8(ascii: ">"), UInt8(ascii: "&"), UInt8(ascii: "|"),
            UInt8(ascii: "^"), UInt8(ascii: "~"), UInt8(ascii: "!"), UInt8(ascii: "["), UInt8(ascii: "]"),
            UInt8(ascii: ":"):
            return true
        default:
            return false
        }
    }

    private mutating func readSymbol(start: SourceLocation) throws(TideError) -> String {
        guard let c = peek() else { throw LexerErrors.unexpectedCharacter("", at: start) }
        if let d = peek(1), Self.isTwoCharSymbol(c, d) {
            bump()
            bump()
            return String(decoding: [c, d], as: UTF8.self)
        }
        guard Self.isSingleSymbol(c) else {
            throw LexerErrors.unexpectedCharacter(String(decoding: [c], as: UTF8.self), at: start)
        }
        bump()
        return String(decoding: [c], as: UTF8.self)
    }
}
