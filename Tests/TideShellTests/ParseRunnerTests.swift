import Testing
import TideCore
import TideSQL
import TideShell

/// Runs `script` through a ParseRunner, collecting what it emits.
private func runParse(_ script: String, format: OutputFormat = .json) -> (ok: Bool, lines: [String]) {
    var lines: [String] = []
    let ok = ParseRunner(format: format).run(script) { lines.append($0) }
    return (ok, lines)
}

@Suite("ParseRunner, json format")
struct ParseRunnerJSONTests {
    @Test("a good statement gives its canonical SQL")
    func goodStatement() {
        let result = runParse("SELECT 1;")
        #expect(result.ok)
        #expect(result.lines == [#"{"statement":1,"ok":true,"sql":"SELECT 1"}"#])
    }

    @Test("a statement without ';' at the end of the script is parsed too")
    func unterminatedStatement() {
        let result = runParse("select 1")
        #expect(result.ok)
        #expect(result.lines == [#"{"statement":1,"ok":true,"sql":"SELECT 1"}"#])
    }

    @Test("a syntax error gives sqlstate 42601 and the offending token's line and column")
    func syntaxError() {
        let result = runParse("SELECT * FROM t LAST JOIN ON x;")
        #expect(!result.ok)
        #expect(
            result.lines == [
                #"{"statement":1,"ok":false,"error":{"sqlstate":"42601","message":"syntax error: expected table name, found \"ON\"","line":1,"column":27}}"#
            ])
    }

    @Test("error positions are relative to the whole script")
    func errorPositionInLaterLine() throws {
        let result = runParse("SELECT 1;\n\n  SELECT * FROM t LAST JOIN ON x;")
        #expect(!result.ok)
        try #require(result.lines.count == 2)
        #expect(result.lines[0] == #"{"statement":1,"ok":true,"sql":"SELECT 1"}"#)
        #expect(result.lines[1].hasPrefix(#"{"statement":2,"ok":false,"error":{"sqlstate":"42601","#))
        #expect(result.lines[1].hasSuffix(#","line":3,"column":29}}"#))
    }

    @Test("numbering continues past a failure and later statements are still parsed")
    func numberingContinues() throws {
        let result = runParse("SELECT 1; SELECT FROM; SELECT 3; SELECT * FROM t LAST JOIN ON x; SELECT 5")
        #expect(!result.ok)
        try #require(result.lines.count == 5)
        #expect(result.lines[0] == #"{"statement":1,"ok":true,"sql":"SELECT 1"}"#)
        #expect(result.lines[1].hasPrefix(#"{"statement":2,"ok":false,"error":{"sqlstate":"42601","message":"#))
        #expect(result.lines[2] == #"{"statement":3,"ok":true,"sql":"SELECT 3"}"#)
        #expect(result.lines[3].hasPrefix(#"{"statement":4,"ok":false,"#))
        #expect(result.lines[3].hasSuffix(#""line":1,"column":60}}"#))
        #expect(result.lines[4] == #"{"statement":5,"ok":true,"sql":"SELECT 5"}"#)
    }

    @Test("returns true only when every statement parsed")
    func returnValue() {
        #expect(runParse("SELECT 1; SELECT 2;").ok)
        #expect(!runParse("SELECT 1; SELECT * FROM;").ok)
        #expect(!runParse("SELECT * FROM; SELECT 1;").ok)
    }

    @Test("an empty or comment-only script emits nothing and succeeds")
    func emptyScript() {
        let result = runParse("  -- nothing here\n/* nor here */\n")
        #expect(result.ok)
        #expect(result.lines.isEmpty)
    }

    @Test("quotes and backslashes in the canonical SQL are JSON-escaped")
    func escapedSQL() {
        let result = runParse(#"SELECT 'a"b', 'c\\d';"#)
        #expect(result.ok)
        #expect(result.lines == [#"{"statement":1,"ok":true,"sql":"SELECT 'a\"b', 'c\\\\d'"}"#])
    }

    @Test("errorJSON leaves out line and column when the error has no position")
    func errorJSONWithoutPosition() {
        let error = TideError(.undefinedTable, "table \"t\" does not exist")
        #expect(
            ParseRunner.errorJSON(error, statement: 7)
                == #"{"statement":7,"ok":false,"error":{"sqlstate":"42P01","message":"table \"t\" does not exist"}}"#)
    }
}

@Suite("JSONText")
struct JSONTextTests {
    @Test(
        "string escaping per RFC 8259",
        arguments: [
            ("plain", #""plain""#),
            ("", #""""#),
            ("say \"hi\"", #""say \"hi\"""#),
            ("back\\slash", #""back\\slash""#),
            ("a\nb\rc\td", #""a\nb\rc\td""#),
            ("\u{0}\u{1}\u{8}\u{C}\u{1F}", #""\u0000\u0001\u0008\u000c\u001f""#),
            ("\u{7F} é 日本 🙂", "\"\u{7F} é 日本 🙂\""),
            ("/", #""/""#),
        ] as [(String, String)])
    func string(input: String, expected: String) {
        #expect(JSONText.string(input) == expected)
    }

    @Test("objects keep their keys in order")
    func object() {
        #expect(
            JSONText.object([("b", "1"), ("a", JSONText.string("x")), ("k\"", "true")])
                == #"{"b":1,"a":"x","k\"":true}"#)
        #expect(JSONText.object([]) == "{}")
    }
}

@Suite("ParseRunner, table format")
struct ParseRunnerTableTests {
    @Test("canonical SQL ends with ';'")
    func canonicalSQL() {
        let result = runParse("select 1; select 2", format: .table)
        #expect(result.ok)
        #expect(result.lines == ["SELECT 1;", "SELECT 2;"])
    }

    @Test("errors are rendered with a caret under the offending token")
    func errorWithCaret() {
        let script = "SELECT * FROM t LAST JOIN ON x;"
        let result = runParse(script, format: .table)
        #expect(!result.ok)
        #expect(
            result.lines == [
                """
                ERROR 42601: syntax error: expected table name, found "ON"
                LINE 1: SELECT * FROM t LAST JOIN ON x;
                                                  ^
                """
            ])
    }
}

@Suite("ErrorRenderer")
struct ErrorRendererTests {
    @Test("the caret sits under the error's column, after the LINE prefix")
    func caretColumn() {
        let error = TideError(
            .syntaxError, "syntax error: oops", position: SourceLocation(offset: 17, line: 2, column: 8))
        let rendered = ErrorRenderer.render(error, source: "SELECT 1;\nSELECT ) FROM t;")
        #expect(
            rendered == """
                ERROR 42601: syntax error: oops
                LINE 2: SELECT ) FROM t;
                               ^
                """)
    }

    @Test("column 1 puts the caret right after the prefix")
    func caretFirstColumn() {
        let error = TideError(.syntaxError, "x", position: SourceLocation(offset: 0, line: 1, column: 1))
        #expect(ErrorRenderer.render(error, source: "FOO") == "ERROR 42601: x\nLINE 1: FOO\n        ^")
    }

    @Test("a wider line number widens the prefix")
    func longLineNumber() throws {
        let source = String(repeating: "\n", count: 11) + "abc def"
        let error = TideError(.syntaxError, "x", position: SourceLocation(offset: 15, line: 12, column: 5))
        let lines = ErrorRenderer.render(error, source: source).split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 3)
        #expect(lines[1] == "LINE 12: abc def")
        #expect(lines[2] == String(repeating: " ", count: "LINE 12: ".count + 4) + "^")
    }

    @Test("tabs are shown as one space so the caret stays aligned")
    func tabs() {
        let error = TideError(.syntaxError, "x", position: SourceLocation(offset: 3, line: 1, column: 4))
        #expect(ErrorRenderer.render(error, source: "\t\tabc") == "ERROR 42601: x\nLINE 1:   abc\n           ^")
    }

    @Test("non-ASCII characters before the error count as one column each")
    func unicodeBeforeCaret() {
        let error = TideError(.syntaxError, "x", position: SourceLocation(offset: 13, line: 1, column: 13))
        let rendered = ErrorRenderer.render(error, source: "SELECT 'é', )")
        #expect(rendered == "ERROR 42601: x\nLINE 1: SELECT 'é', )\n" + String(repeating: " ", count: 20) + "^")
    }

    @Test("detail and hint follow; no position means no LINE")
    func detailAndHint() {
        let error = TideError(.undefinedTable, "table \"t\" does not exist", detail: "d1", hint: "h1")
        #expect(
            ErrorRenderer.render(error, source: "SELECT * FROM t")
                == "ERROR 42P01: table \"t\" does not exist\nDETAIL: d1\nHINT: h1")
    }

    @Test("a position past the source's last line shows no LINE")
    func positionOutOfRange() {
        let error = TideError(.syntaxError, "x", position: SourceLocation(offset: 50, line: 9, column: 1))
        #expect(ErrorRenderer.render(error, source: "SELECT 1") == "ERROR 42601: x")
    }
}

@Suite("REPL")
struct REPLTests {
    /// Drives the REPL with `input` lines, recording prompts and output in order.
    private func drive(_ input: [String], interactive: Bool = true) -> [String] {
        var remaining = input[...]
        var events: [String] = []
        REPL().run(
            interactive: interactive,
            readLine: { prompt in
                events.append("prompt:\(prompt)")
                return remaining.popFirst()
            },
            write: { events.append("out:\($0)") })
        return events
    }

    @Test("a statement spanning two lines is answered once, after the ';' line")
    func multiLineStatement() {
        #expect(
            drive(["select 1", "from t;"]) == [
                "prompt:tide> ", "prompt:  ... ", "out:SELECT 1 FROM t;", "prompt:tide> ",
            ])
    }

    @Test("each terminated statement on a line is answered")
    func twoStatementsOneLine() {
        #expect(drive(["select 1; select 2;"]) == ["prompt:tide> ", "out:SELECT 1;", "out:SELECT 2;", "prompt:tide> "])
    }

    @Test("a line ending in an unfinished statement waits for the rest")
    func finishedAndUnfinishedOnOneLine() {
        #expect(
            drive(["select 1; select", "2;"]) == [
                "prompt:tide> ", "prompt:  ... ", "out:SELECT 1;", "out:SELECT 2;", "prompt:tide> ",
            ])
    }

    @Test("trailing text without ';' is answered at end of input")
    func trailingTextAtEOF() {
        #expect(
            drive(["select 1;", "select 2"]) == [
                "prompt:tide> ", "out:SELECT 1;", "prompt:tide> ", "prompt:  ... ", "out:SELECT 2;",
            ])
    }

    @Test("blank and comment-only lines are not statements and keep the main prompt")
    func triviaLines() {
        #expect(
            drive(["", "-- just a comment", "   "]) == [
                "prompt:tide> ", "prompt:tide> ", "prompt:tide> ", "prompt:tide> ",
            ])
    }

    @Test("syntax errors are rendered with a caret at the line in the statement")
    func errorInSecondLine() {
        let events = drive(["SELECT *", "FROM t LAST JOIN ON x;"])
        #expect(
            events == [
                "prompt:tide> ", "prompt:  ... ",
                "out:ERROR 42601: syntax error: expected table name, found \"ON\"\nLINE 2: FROM t LAST JOIN ON x;\n"
                    + String(repeating: " ", count: "LINE 2: ".count + 17) + "^",
                "prompt:tide> ",
            ])
    }

    @Test("non-interactive runs use empty prompts")
    func nonInteractive() {
        #expect(drive(["select", "1;"], interactive: false) == ["prompt:", "prompt:", "out:SELECT 1;", "prompt:"])
    }

    @Test("a procedure body's inner ';' does not end the statement")
    func procedureAcrossLines() {
        let events = drive(["CREATE PROCEDURE p() BEGIN", "  SELECT 1;", "END;"])
        #expect(events.filter { $0.hasPrefix("out:") }.count == 1)
        #expect(events.prefix(3) == ["prompt:tide> ", "prompt:  ... ", "prompt:  ... "])
        #expect(events.last == "prompt:tide> ")
    }
}
