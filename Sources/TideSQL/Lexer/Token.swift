import TideCore

/// One lexical token of the dialect. Keywords are not a separate kind: every unquoted word is
/// a `.word`, and the parser decides by context whether it is a keyword (keywords stay
/// non-reserved, so users can name columns `ts`, `key` or `date`).
public struct Token: Sendable, Hashable {
    public enum Kind: Sendable, Hashable {
        /// An unquoted identifier or keyword, as written.
        case word(String)
        /// A backquoted identifier, unescaped.
        case quotedIdentifier(String)
        /// An integer literal: its digits and suffix (`123`, `123L`).
        case integer(digits: String, suffix: IntegerSuffix)
        /// A literal with a fraction or exponent (`1.5`, `2e3`, `1.5f`).
        case decimal(text: String, isFloat: Bool)
        /// An integer followed by a time unit (`10s`, `5m`, `2h`, `3d`).
        case interval(digits: String, unit: IntervalUnit)
        /// A '...' or "..." string literal, unescaped.
        case string(String)
        /// A `?` or `$n` placeholder.
        case parameter(Int?)
        /// A `@@name` (system) or `@name` (user) variable reference, name as written.
        case variable(name: String, system: Bool)
        /// Punctuation and operators (`(`, `<=`, `%%`, ...).
        case symbol(String)
        case endOfInput
    }

    /// Integer literal suffixes.
    public enum IntegerSuffix: Sendable, Hashable {
        case none
        /// `123L`: a BIGINT literal.
        case long
        /// `3f`: a FLOAT literal.
        case float
    }

    public var kind: Kind
    /// Where the token starts.
    public var location: SourceLocation
    /// The UTF-8 byte offset just past the token.
    public var endOffset: Int

    /// How the token reads in an error message ("`FROM`", "end of input").
    public var displayText: String {
        switch kind {
        case .word(let w): return "\"\(w)\""
        case .quotedIdentifier(let w): return "`\(w)`"
        case .integer(let d, let s):
            switch s {
            case .none: return d
            case .long: return d + "L"
            case .float: return d + "f"
            }
        case .decimal(let t, let f): return f ? t + "f" : t
        case .interval(let d, let u): return d + u.rawValue
        case .string(let s): return "string '\(s)'"
        case .parameter(let n): return n.map { "$\($0)" } ?? "?"
        case .variable(let n, let sys): return (sys ? "@@" : "@") + n
        case .symbol(let s): return "\"\(s)\""
        case .endOfInput: return "end of input"
        }
    }
}
