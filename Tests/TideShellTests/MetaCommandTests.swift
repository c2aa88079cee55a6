import Testing
import TideShell

@Suite struct MetaCommandTests {
    @Test func quitSpellings() {
        for line in ["\\q", "  \\q  ", "\\q;", "exit", "EXIT;", "quit", " quit ; ", "\\quit"] {
            #expect(MetaCommand.parse(line, atStatementStart: true) == .quit, "\(line)")
        }
    }

    @Test func wordsOnlyAtTheStartOfAStatement() {
        #expect(MetaCommand.parse("exit", atStatementStart: false) == nil)
        #expect(MetaCommand.parse("help", atStatementStart: false) == nil)
        #expect(MetaCommand.parse("\\q", atStatementStart: false) == .quit)
        #expect(MetaCommand.parse("exit_code;", atStatementStart: true) == nil)
        #expect(MetaCommand.parse("SELECT 1;", atStatementStart: true) == nil)
    }

    @Test func helpAndCatalogCommands() {
        #expect(MetaCommand.parse("help", atStatementStart: true) == .help)
        #expect(MetaCommand.parse("\\?", atStatementStart: true) == .help)
        #expect(MetaCommand.parse("\\dt", atStatementStart: true) == .listTables)
        #expect(MetaCommand.parse("\\d", atStatementStart: true) == .listTables)
        #expect(MetaCommand.parse("\\d t", atStatementStart: true) == .describe("t"))
        #expect(MetaCommand.parse("\\d  db.t;", atStatementStart: true) == .describe("db.t"))
        #expect(MetaCommand.parse("\\d a b", atStatementStart: true) == .invalid("\\d takes one table name"))
    }

    @Test func toggles() {
        #expect(MetaCommand.parse("\\x", atStatementStart: true) == .expanded(nil))
        #expect(MetaCommand.parse("\\x on", atStatementStart: true) == .expanded(.on))
        #expect(MetaCommand.parse("\\x OFF", atStatementStart: true) == .expanded(.off))
        #expect(MetaCommand.parse("\\x auto", atStatementStart: true) == .expanded(.auto))
        #expect(MetaCommand.parse("\\x wide", atStatementStart: true) == .invalid("\\x: expected on, off or auto"))
        #expect(MetaCommand.parse("\\timing", atStatementStart: true) == .timing(nil))
        #expect(MetaCommand.parse("\\timing on", atStatementStart: true) == .timing(true))
        #expect(MetaCommand.parse("\\timing maybe", atStatementStart: true) == .invalid("\\timing: expected on or off"))
    }

    @Test func unknownBackslashCommand() {
        #expect(
            MetaCommand.parse("\\foo bar", atStatementStart: true)
                == .invalid("invalid command \\foo. Try \\? for help."))
    }
}
