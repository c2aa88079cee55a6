import TideCore

/// Parses a whole script: each statement independently, so one syntax error does not hide
/// the statements after it.
public enum ScriptParser {
    /// One statement of a script: its text and where it starts, and its AST or its error.
    public struct Entry: Sendable {
        public var piece: StatementSplitter.Piece
        public var result: Result<Statement, TideError>
    }

    /// `interrupt`, when given, is started with `timeoutMs` for each statement and checked
    /// while it is lexed and parsed: a statement that takes longer than the timeout to parse
    /// fails with 57014 (the others parse as usual).
    public static func parse(_ script: String, interrupt: StatementInterrupt? = nil, timeoutMs: Int64? = nil)
        -> [Entry]
    {
        StatementSplitter.split(script).map { piece in
            interrupt?.begin(timeoutMs: timeoutMs)
            do throws(TideError) {
                let statement = try Parser.parseStatement(piece.text, start: piece.start, interrupt: interrupt)
                return Entry(piece: piece, result: .success(statement))
            } catch {
                return Entry(piece: piece, result: .failure(error))
            }
        }
    }
}
