import Testing
import TideShell

@Suite struct ShellHistoryTests {
    @Test func entriesAreWholeStatements() {
        var history = ShellHistory()
        let added = [
            history.add("SELECT 1,\n2;\n"), history.add("SELECT 1,\n2;"), history.add("  \n"), history.add("\\dt"),
        ]
        #expect(added == [true, false, false, true])
        #expect(history.entries == ["SELECT 1,\n2;", "\\dt"])
    }

    @Test func fileLinesRoundTrip() {
        let entries = ["SELECT 1,\n  2;", "\\d t", "SELECT '\\n' AS backslash_n;", "plain"]
        let file = entries.map(ShellHistory.encode).joined(separator: "\n") + "\n"
        #expect(!ShellHistory.encode(entries[0]).contains("\n"))
        #expect(ShellHistory.decode(file: file).entries == entries)
    }

    @Test func oldFilesWithBareBackslashesStayReadable() {
        #expect(ShellHistory.decode(file: "\\dt\n\\x on\n").entries == ["\\dt", "\\x on"])
    }

    @Test func keepsTheNewestEntries() {
        let history = ShellHistory(entries: (0..<(ShellHistory.limit + 5)).map { "SELECT \($0);" })
        #expect(history.entries.count == ShellHistory.limit)
        #expect(history.entries.first == "SELECT 5;")
    }

    @Test func upArrowRecallsAWholeMultiLineStatement() {
        var buffer = LineEditBuffer(history: ["SELECT 1;", "SELECT a,\n  b\nFROM t;"])
        _ = buffer.apply(.up)
        #expect(buffer.line == "SELECT a,\n  b\nFROM t;")
        #expect(buffer.cursor == buffer.text.count)
        #expect(buffer.apply(.enter) == .submit("SELECT a,\n  b\nFROM t;"))
    }
}
