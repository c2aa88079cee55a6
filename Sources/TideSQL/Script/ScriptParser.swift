import TideCore

/// Parses a whole script: each statement independently, so one syntax error does not hide
/// the statements after it.
public enum ScriptParser {
    /// One statement of a script: its text and where it starts, and its AST or its error.
    public struct Entry: Sendable {
        public var piece: StatementSplitter.Piece
        public var result: Result<Statement, TideError>
    }

    public static func parse(_ script: String) -> [Entry] {
        StatementSplitter.split(script).map { piece in
            do throws(TideError) {
                return Entry(piece: piece, result: .success(try Parser.parseStatement(piece.text, start: piece.start)))
            } catch {
                return Entry(piece: piece, result: .failure(error))
            }
        }
    }
}
