import Testing
import TideShell

@Suite struct TerminalLayoutTests {
    typealias Position = TerminalLayout.Position

    private func layout(_ text: String, cursor: Int? = nil, width: Int) -> TerminalLayout {
        TerminalLayout(
            prompt: "> ", continuation: ". ", text: Array(text), cursorIndex: cursor ?? text.count, width: width)
    }

    @Test func shortLineStaysOnTheFirstRow() {
        let l = layout("abc", width: 10)
        #expect(l.output == "> abc")
        #expect(l.cursor == Position(row: 0, column: 5))
        #expect(l.end == l.cursor)
    }

    @Test func longLineWrapsAndTheCursorFollows() {
        // "> " + 12 characters on 6 columns: rows "> abcd", "efghij", "kl".
        let l = layout("abcdefghijkl", width: 6)
        #expect(l.end == Position(row: 2, column: 2))
        #expect(l.cursor == l.end)
        #expect(l.output == "> abcdefghijkl")
    }

    @Test func cursorInAnEarlierRowMovesUp() {
        let l = layout("abcdefghijkl", cursor: 1, width: 6)
        #expect(l.cursor == Position(row: 0, column: 3))
        #expect(l.output == "> abcdefghijkl\u{1B}[2A\r\u{1B}[3C")
    }

    @Test func textFillingTheLastColumnMovesToTheNextRow() {
        // "> abcd" fills 6 columns exactly: the cursor goes to the start of row 1.
        let l = layout("abcd", width: 6)
        #expect(l.end == Position(row: 1, column: 0))
        #expect(l.output == "> abcd\r\n")
    }

    @Test func newlinesUseTheContinuationPrompt() {
        let l = layout("ab\ncd", width: 20)
        #expect(l.output == "> ab\r\n. cd")
        #expect(l.end == Position(row: 1, column: 4))
        let atFirstLine = layout("ab\ncd", cursor: 1, width: 20)
        #expect(atFirstLine.cursor == Position(row: 0, column: 3))
        #expect(atFirstLine.output == "> ab\r\n. cd\u{1B}[1A\r\u{1B}[3C")
    }

    @Test func newlineRightAfterAFullRowDoesNotAddABlankRow() {
        // "> abcd" fills the row; the newline then starts row 1 with the continuation prompt.
        let l = layout("abcd\nef", width: 6)
        #expect(l.output == "> abcd\r\n. ef")
        #expect(l.end == Position(row: 1, column: 4))
    }
}
