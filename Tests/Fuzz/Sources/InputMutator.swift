import TideTestSupport

/// Seeded mutations of SQL text and CSV bytes: byte flips, insertions and deletions; tokens
/// replaced by "interesting" ones (limits, odd literals, keywords, deep nesting); runs of
/// tokens duplicated or removed; two inputs spliced. Every output is reproducible from the
/// seed and the corpus.
public struct InputMutator {
    var generator: SeededGenerator
    /// The largest input produced.
    let maxBytes = 1 << 20

    public init(seed: UInt64) { generator = SeededGenerator(seed: seed) }

    static let interestingTokens = [
        "0", "-1", "1", "2147483647", "2147483648", "-2147483649", "9223372036854775807", "-9223372036854775808",
        "9223372036854775808", "1e308", "-1e308", "1e-320", "0.0", "-0.0", "NULL", "''", "'\\''", "'%'",
        "'a\\%b'", "'2024-02-30'", "'9999-12-31 23:59:59'", "1s", "0s", "9999999999999d", "-5m", "1h",
        "SELECT", "FROM", "WHERE", "GROUP BY", "ORDER BY", "LIMIT", "OVER", "WINDOW", "PARTITION BY", "ROWS",
        "ROWS_RANGE", "BETWEEN", "PRECEDING", "OPEN PRECEDING", "UNBOUNDED", "CURRENT ROW", "FOLLOWING",
        "MAXSIZE", "EXCLUDE CURRENT_ROW", "INSTANCE_NOT_IN_WINDOW", "UNION", "LAST JOIN", "LEFT JOIN", "ON",
        "AND", "OR", "NOT", "CASE", "WHEN", "THEN", "END", "CAST", "AS", "IN", "LIKE", "IS", "(", ")", ",", "*",
        "+", "-", "/", "%", "=", "<>", "<=", ">", "[", "]", ".", ";", "?", "$1", "@@execute_mode", "t", "u", "p",
        "k", "v", "n", "d", "ts", "id", "level", "sum(v)", "count(*)", "lag(v, 2147483647)", "top(n, -1)",
        "substr(k, -9223372036854775808, 3)", "regexp_like(k, '(a+)+$')", "date_format(ts, '%%%')",
        "repeat('x', 2147483647)", "split(k, '')", "at(v, -1)",
    ]

    mutating func int(_ range: Range<Int>) -> Int {
        range.isEmpty ? range.lowerBound : Int.random(in: range, using: &generator)
    }

    /// One mutated SQL text from `input` (and sometimes another corpus entry).
    public mutating func mutateSQL(_ input: String, corpus: [String]) -> String {
        var text = input
        for _ in 0..<(1 + int(0..<3)) {
            switch int(0..<9) {
            case 0, 1, 2: text = replaceToken(text)
            case 3: text = duplicateTokens(text)
            case 4: text = deleteTokens(text)
            case 5: text = splice(text, corpus.randomElement(using: &generator) ?? text)
            case 6: text = nest(text)
            default: text = String(decoding: mutateBytes(Array(text.utf8)), as: UTF8.self)
            }
        }
        // Repeated duplication of nested text can grow without bound (tens of megabytes, which
        // only measures the lexer's speed): inputs stay within 1 MiB.
        return text.utf8.count > maxBytes ? String(decoding: text.utf8.prefix(maxBytes), as: UTF8.self) : text
    }

    /// Mutated CSV bytes.
    public mutating func mutateCSV(_ bytes: [UInt8]) -> [UInt8] {
        var out = bytes
        for _ in 0..<(1 + int(0..<4)) {
            if int(0..<3) == 0 {
                // A field replaced by an interesting value.
                let fields = [
                    "", "\"", "\"\"", "NaN", "1e999", "-9223372036854775809", "2024-13-45", "a,b", "\n", "\r\n",
                ]
                let text = String(decoding: out, as: UTF8.self)
                var parts = text.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
                if !parts.isEmpty { parts[int(0..<parts.count)] = fields.randomElement(using: &generator) ?? "" }
                out = Array(parts.joined(separator: ",").utf8)
            } else {
                out = mutateBytes(out)
            }
        }
        return out
    }

    mutating func mutateBytes(_ input: [UInt8]) -> [UInt8] {
        var bytes = input
        let position = int(0..<(bytes.count + 1))
        switch int(0..<4) {
        case 0 where position < bytes.count: bytes[position] ^= UInt8(1 << int(0..<8))
        case 1: bytes.insert(UInt8(int(0..<256)), at: position)
        case 2 where position < bytes.count: bytes.remove(at: position)
        default:
            let special: [UInt8] = [0, 0x27, 0x22, 0x5C, 0x28, 0x29, 0x2C, 0x0A, 0xFF, 0xC3]
            bytes.insert(special.randomElement(using: &generator) ?? 0, at: position)
        }
        return bytes
    }

    /// Splits on spaces, keeping punctuation attached (coarse tokens are enough here).
    static func tokens(_ text: String) -> [String] { text.split(separator: " ").map(String.init) }

    mutating func replaceToken(_ text: String) -> String {
        var tokens = Self.tokens(text)
        guard !tokens.isEmpty else { return text }
        tokens[int(0..<tokens.count)] = Self.interestingTokens.randomElement(using: &generator) ?? "0"
        return tokens.joined(separator: " ")
    }

    mutating func duplicateTokens(_ text: String) -> String {
        var tokens = Self.tokens(text)
        guard !tokens.isEmpty else { return text }
        let start = int(0..<tokens.count)
        let run = Array(tokens[start..<min(tokens.count, start + 1 + int(0..<5))])
        for _ in 0..<(1 + int(0..<(int(0..<10) == 0 ? 2_000 : 3))) { tokens.insert(contentsOf: run, at: start) }
        return tokens.joined(separator: " ")
    }

    mutating func deleteTokens(_ text: String) -> String {
        var tokens = Self.tokens(text)
        guard !tokens.isEmpty else { return text }
        let start = int(0..<tokens.count)
        tokens.removeSubrange(start..<min(tokens.count, start + 1 + int(0..<4)))
        return tokens.joined(separator: " ")
    }

    mutating func splice(_ a: String, _ b: String) -> String {
        let x = Self.tokens(a)
        let y = Self.tokens(b)
        return (x.prefix(int(0..<(x.count + 1))) + y.suffix(int(0..<(y.count + 1)))).joined(separator: " ")
    }

    /// An expression wrapped in many parentheses, or a long chain of operators.
    mutating func nest(_ text: String) -> String {
        var tokens = Self.tokens(text)
        guard !tokens.isEmpty else { return text }
        let depth = [10, 200, 3_000, 20_000].randomElement(using: &generator) ?? 10
        let at = int(0..<tokens.count)
        if int(0..<2) == 0 {
            tokens[at] = String(repeating: "(", count: depth) + tokens[at] + String(repeating: ")", count: depth)
        } else {
            tokens[at] = (0..<depth).map { _ in "1" }.joined(separator: " + ")
        }
        return tokens.joined(separator: " ")
    }
}
