/// A place in SQL text: a UTF-8 byte offset plus the 1-based line and column (in characters)
/// it corresponds to. Errors carry one so every front end can point at the offending token.
public struct SourceLocation: Sendable, Hashable, CustomStringConvertible {
    /// UTF-8 byte offset from the start of the text the statement was read from.
    public var offset: Int
    /// 1-based line number.
    public var line: Int
    /// 1-based column, counted in Unicode characters.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }

    /// The start of a text.
    public static let start = SourceLocation(offset: 0, line: 1, column: 1)

    public var description: String { "line \(line), column \(column)" }
}
