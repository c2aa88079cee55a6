/// Where the shell's input lands on a terminal `width` columns wide, so the line editor can
/// redraw input that spans lines (a recalled multi-line statement) or wraps (a long line).
/// Pure arithmetic, unit-tested; `LineEditor` writes what it computes.
///
/// The model follows xterm/VT100 auto-wrap: writing into the last column leaves the cursor
/// there with a pending wrap, and the next character goes to the start of the next row.
/// Every character takes one column (wide East Asian characters are not measured).
public struct TerminalLayout: Sendable, Hashable {
    /// A cursor position relative to the first row of the input: row 0, column 0 is where
    /// the prompt starts.
    public struct Position: Sendable, Hashable {
        /// The row, counted from the prompt's row.
        public var row: Int
        /// The 0-based column.
        public var column: Int

        /// The position `row`, `column`.
        public init(row: Int, column: Int) {
            self.row = row
            self.column = column
        }
    }

    /// What to write, starting at column 0 of the prompt's row on a cleared screen: the
    /// prompt, the text (its newlines as `\r\n` plus `continuation`), and the moves that put
    /// the cursor at `cursor`.
    public var output: String
    /// Where the cursor is after `output`.
    public var cursor: Position
    /// Where the text ends (after `output`, before the cursor moves back to `cursor`).
    public var end: Position

    /// The layout of `prompt` followed by `text`, with the cursor before `text[cursorIndex]`.
    public init(prompt: String, continuation: String, text: [Character], cursorIndex: Int, width: Int) {
        var writer = Writer(width: max(1, width))
        writer.write(prompt)
        var cursor = writer.nextPosition
        for (index, character) in text.enumerated() {
            if index == cursorIndex { cursor = writer.nextPosition }
            if character == "\n" || character == "\r\n" {
                writer.newline()
                writer.write(continuation)
            } else {
                writer.write(character == "\t" ? " " : character)
            }
        }
        if cursorIndex >= text.count { cursor = writer.nextPosition }
        if writer.pendingWrap {
            // Leave the last column so the cursor can be placed on the row after it.
            writer.newline()
        }
        let end = writer.nextPosition
        var output = writer.output
        if end.row > cursor.row { output += "\u{1B}[\(end.row - cursor.row)A" }
        if end != cursor {
            output += "\r"
            if cursor.column > 0 { output += "\u{1B}[\(cursor.column)C" }
        }
        self.output = output
        self.cursor = cursor
        self.end = end
    }

    /// Tracks the terminal's cursor while text is written.
    struct Writer {
        let width: Int
        var row = 0
        var column = 0
        var pendingWrap = false
        var output = ""

        init(width: Int) { self.width = width }

        /// Where the next character goes.
        var nextPosition: Position {
            pendingWrap ? Position(row: row + 1, column: 0) : Position(row: row, column: column)
        }

        mutating func write(_ text: String) {
            for character in text { write(character) }
        }

        mutating func write(_ character: Character) {
            if pendingWrap {
                row += 1
                column = 0
                pendingWrap = false
            }
            output.append(character)
            if column == width - 1 {
                pendingWrap = true
            } else {
                column += 1
            }
        }

        mutating func newline() {
            output += "\r\n"
            row += 1
            column = 0
            pendingWrap = false
        }
    }
}
