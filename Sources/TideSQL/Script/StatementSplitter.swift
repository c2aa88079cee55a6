import TideCore

/// Splits a SQL script into statements at `;`, outside string literals ('...' and "..." with
/// backslash escapes), backquoted names, comments (`--`, `#`, `/* */`) and the
/// `BEGIN ... END` body of `CREATE PROCEDURE` (whose inner statements end with `;` too).
/// Text that is only whitespace and comments is not a statement.
public enum StatementSplitter {
    /// One statement's text (without its `;`) and where it starts in the script.
    public struct Piece: Sendable, Hashable {
        public var text: String
        public var start: SourceLocation
        /// False for trailing text that no `;` ended (a REPL keeps reading then).
        public var terminated: Bool
    }

    public static func split(_ script: String) -> [Piece] {
        var scanner = Scanner(bytes: Array(script.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var line = 1
        var column = 1
        var pieces: [Piece] = []
        // The statement being read.
        var startIndex = 0
        var start = SourceLocation.start
        var hasContent = false
        var words: [String] = []
        var blockDepth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        mutating func bump() {
            if bytes[i] == 0x0A {
                line += 1
                column = 1
            } else if bytes[i] & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }

        mutating func markContent() {
            if !hasContent {
                hasContent = true
                startIndex = i
                start = SourceLocation(offset: i, line: line, column: column)
            }
        }

        mutating func finishStatement(endingAt end: Int, terminated: Bool = true) {
            if hasContent {
                let text = String(decoding: bytes[startIndex..<end], as: UTF8.self)
                pieces.append(Piece(text: text, start: start, terminated: terminated))
            }
            hasContent = false
            words = []
            blockDepth = 0
        }

        /// Inside `CREATE ... PROCEDURE ... BEGIN`, `;` does not end the statement until END.
        mutating func noteWord(_ word: String) {
            let upper = word.uppercased()
            if words.count < 8 { words.append(upper) }
            guard words.first == "CREATE", words.contains("PROCEDURE") else { return }
            // CASE ... END inside the body nests like BEGIN ... END, so its END does not close the body.
            if upper == "BEGIN" || (upper == "CASE" && blockDepth > 0) { blockDepth += 1 }
            if upper == "END", blockDepth > 0 { blockDepth -= 1 }
        }

        mutating func run() -> [Piece] {
            while i < bytes.count {
                let c = bytes[i]
                let next: UInt8? = i + 1 < bytes.count ? bytes[i + 1] : nil
                if c == UInt8(ascii: "-") && next == UInt8(ascii: "-") || c == UInt8(ascii: "#") {
                    while i < bytes.count, bytes[i] != 0x0A { bump() }
                } else if c == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                    bump()
                    bump()
                    while i < bytes.count,
                        !(bytes[i] == UInt8(ascii: "*") && i + 1 < bytes.count
                            && bytes[i + 1] == UInt8(ascii: "/"))
                    {
                        bump()
                    }
                    if i < bytes.count {
                        bump()
                        bump()
                    }
                } else if c == UInt8(ascii: "'") || c == UInt8(ascii: "\"") || c == UInt8(ascii: "`") {
                    markContent()
                    skipQuoted(c)
                } else if c == UInt8(ascii: ";") && blockDepth == 0 {
                    finishStatement(endingAt: i)
                    bump()
                } else if Lexer.isIdentifierStart(c) {
                    markContent()
                    let wordStart = i
                    while i < bytes.count, Lexer.isIdentifierPart(bytes[i]) { bump() }
                    noteWord(String(decoding: bytes[wordStart..<i], as: UTF8.self))
                } else {
                    if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { markContent() }
                    bump()
                }
            }
            finishStatement(endingAt: bytes.count, terminated: false)
            return pieces
        }

        mutating func skipQuoted(_ quote: UInt8) {
            bump()
            while i < bytes.count {
                let c = bytes[i]
                if c == UInt8(ascii: "\\") && quote != UInt8(ascii: "`") {
                    bump()
                    if i < bytes.count { bump() }
                    continue
                }
                bump()
                if c == quote { return }
            }
        }
    }
}
