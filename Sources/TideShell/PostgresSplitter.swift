import TideCore

/// Splits input into statements at `;` as psql does for PostgreSQL, for `--connect` to a
/// server that is not TideDB: outside string literals (`'...'` with `''`, `E'...'` with
/// backslash escapes), quoted names (`"..."`), dollar quotes (`$tag$ ... $tag$`), comments
/// (`--`, nested `/* */`) and parentheses. Text that is only whitespace and comments is not
/// a statement.
public enum PostgresSplitter {
    /// The statements of `source`, in order.
    public static func split(_ source: String) -> [ShellStatement] {
        var scanner = Scanner(bytes: Array(source.utf8))
        return scanner.run()
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0
        var location = SourceLocation.start
        var statements: [ShellStatement] = []
        var start: SourceLocation?
        var parenDepth = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        func byte(_ offset: Int = 0) -> UInt8? {
            i + offset < bytes.count ? bytes[i + offset] : nil
        }

        mutating func bump(_ count: Int = 1) {
            for _ in 0..<count where i < bytes.count {
                if bytes[i] == 0x0A {
                    location.line += 1
                    location.column = 1
                } else if bytes[i] & 0xC0 != 0x80 {
                    location.column += 1
                }
                i += 1
                location.offset = i
            }
        }

        mutating func markContent() {
            if start == nil { start = location }
        }

        mutating func finish(at end: Int, terminated: Bool) {
            if let start {
                let text = String(decoding: bytes[start.offset..<end], as: UTF8.self)
                statements.append(ShellStatement(text: text, start: start, terminated: terminated))
            }
            start = nil
            parenDepth = 0
        }

        static func isIdentifierByte(_ c: UInt8) -> Bool {
            (c >= UInt8(ascii: "a") && c <= UInt8(ascii: "z")) || (c >= UInt8(ascii: "A") && c <= UInt8(ascii: "Z"))
                || (c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")) || c == UInt8(ascii: "_") || c >= 0x80
                || c == UInt8(ascii: "$")
        }

        mutating func run() -> [ShellStatement] {
            while let c = byte() {
                let next = byte(1)
                if c == UInt8(ascii: "-") && next == UInt8(ascii: "-") {
                    while let b = byte(), b != 0x0A { bump() }
                } else if c == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                    skipBlockComment()
                } else if c == UInt8(ascii: "'") {
                    markContent()
                    let escapes =
                        i > 0 && (bytes[i - 1] | 0x20) == UInt8(ascii: "e")
                        && (i < 2 || !Self.isIdentifierByte(bytes[i - 2]))
                    skipQuoted(UInt8(ascii: "'"), backslashEscapes: escapes)
                } else if c == UInt8(ascii: "\"") {
                    markContent()
                    skipQuoted(c, backslashEscapes: false)
                } else if c == UInt8(ascii: "$"), let tag = dollarTag() {
                    markContent()
                    skipDollarQuoted(tag)
                } else if c == UInt8(ascii: ";") && parenDepth == 0 {
                    finish(at: i, terminated: true)
                    bump()
                } else if Self.isIdentifierByte(c) {
                    markContent()
                    while let b = byte(), Self.isIdentifierByte(b) { bump() }
                } else {
                    if c == UInt8(ascii: "(") { parenDepth += 1 }
                    if c == UInt8(ascii: ")") { parenDepth = max(0, parenDepth - 1) }
                    if c != 0x20 && c != 0x09 && c != 0x0A && c != 0x0D && c != 0x0C { markContent() }
                    bump()
                }
            }
            finish(at: bytes.count, terminated: false)
            return statements
        }

        mutating func skipBlockComment() {
            var depth = 0
            while let c = byte() {
                let next = byte(1)
                if c == UInt8(ascii: "/") && next == UInt8(ascii: "*") {
                    depth += 1
                    bump(2)
                } else if c == UInt8(ascii: "*") && next == UInt8(ascii: "/") {
                    depth -= 1
                    bump(2)
                    if depth == 0 { return }
                } else {
                    bump()
                }
            }
        }

        mutating func skipQuoted(_ quote: UInt8, backslashEscapes: Bool) {
            bump()
            while let c = byte() {
                if backslashEscapes && c == UInt8(ascii: "\\") {
                    bump(2)
                } else if c == quote {
                    bump()
                    // A doubled quote stands for itself.
                    guard byte() == quote else { return }
                    bump()
                } else {
                    bump()
                }
            }
        }

        /// The `$tag$` starting at `i` (`$$` or `$name$`), or nil for `$1` and the like.
        func dollarTag() -> [UInt8]? {
            if i > 0 && Self.isIdentifierByte(bytes[i - 1]) { return nil }
            var j = i + 1
            while j < bytes.count, bytes[j] != UInt8(ascii: "$") {
                let c = bytes[j]
                let isDigit = c >= UInt8(ascii: "0") && c <= UInt8(ascii: "9")
                guard Self.isIdentifierByte(c), !(isDigit && j == i + 1) else { return nil }
                j += 1
            }
            return j < bytes.count ? Array(bytes[i...j]) : nil
        }

        mutating func skipDollarQuoted(_ tag: [UInt8]) {
            bump(tag.count)
            while i < bytes.count {
                if bytes[i] == UInt8(ascii: "$"), bytes[i...].starts(with: tag) {
                    bump(tag.count)
                    return
                }
                bump()
            }
        }
    }
}
