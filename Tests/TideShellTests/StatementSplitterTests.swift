import Testing
import TideCore
import TideSQL

@Suite("StatementSplitter.split")
struct StatementSplitterTests {
    private func texts(_ script: String) -> [String] {
        StatementSplitter.split(script).map(\.text)
    }

    // MARK: - Split points

    @Test("splits at each semicolon, dropping the semicolon")
    func splitsAtSemicolons() {
        #expect(texts("SELECT 1;SELECT 2;") == ["SELECT 1", "SELECT 2"])
    }

    @Test("leading whitespace is not part of a statement; text up to the semicolon is")
    func leadingWhitespaceSkipped() {
        #expect(texts("  SELECT 1 ;\n\tSELECT 2;") == ["SELECT 1 ", "SELECT 2"])
    }

    @Test("empty statements between semicolons are dropped")
    func emptyStatementsDropped() {
        #expect(texts(";;SELECT 1;; ;\n;") == ["SELECT 1"])
    }

    @Test("a single statement without semicolon is one unterminated piece")
    func singleUnterminated() throws {
        let pieces = StatementSplitter.split("SELECT 1")
        let piece = try #require(pieces.first)
        #expect(pieces.count == 1)
        #expect(piece.text == "SELECT 1")
        #expect(!piece.terminated)
        #expect(piece.start == .start)
    }

    @Test("terminated is true for statements ended by ';' and false for the trailing rest")
    func terminatedFlag() {
        let pieces = StatementSplitter.split("SELECT 1; SELECT 2; SELECT 3")
        #expect(pieces.map(\.text) == ["SELECT 1", "SELECT 2", "SELECT 3"])
        #expect(pieces.map(\.terminated) == [true, true, false])
    }

    @Test("trailing whitespace and comments after the last ';' are no statement")
    func trailingTriviaIsNoStatement() {
        let pieces = StatementSplitter.split("SELECT 1;\n  -- done\n/* end */ \n")
        #expect(pieces.map(\.text) == ["SELECT 1"])
        #expect(pieces.map(\.terminated) == [true])
    }

    // MARK: - Quoted text

    @Test(
        "semicolons inside quotes are not split points",
        arguments: [
            "SELECT 'a;b'",
            "SELECT \"a;b\"",
            "SELECT `a;b` FROM t",
            "SELECT 'it\\'s;'",
            "SELECT \"say \\\"hi;\\\"\"",
            "SELECT 'back\\\\', ';'",
            "SELECT 'it''s;'",
            "SELECT 'a\nb;c'",
        ])
    func quotedSemicolons(statement: String) {
        let pieces = StatementSplitter.split(statement + ";SELECT 2;")
        #expect(pieces.map(\.text) == [statement, "SELECT 2"])
        #expect(pieces.map(\.terminated) == [true, true])
    }

    @Test("a backslash before the closing backquote does not escape it")
    func backquoteHasNoEscapes() {
        #expect(texts("SELECT `a\\`;SELECT 2;") == ["SELECT `a\\`", "SELECT 2"])
    }

    @Test("an unclosed string swallows the rest of the script")
    func unclosedString() {
        let pieces = StatementSplitter.split("SELECT 'abc; SELECT 2;")
        #expect(pieces.map(\.text) == ["SELECT 'abc; SELECT 2;"])
        #expect(pieces.map(\.terminated) == [false])
    }

    // MARK: - Comments

    @Test(
        "semicolons inside comments are not split points",
        arguments: [
            "SELECT 1 -- one; two\n",
            "SELECT 1 # one; two\n",
            "SELECT /* a; b */ 1",
            "SELECT /* a;\n b; */ 1",
            "SELECT 1 /* it's; */",
        ])
    func commentSemicolons(statement: String) {
        #expect(texts(statement + ";SELECT 2;") == [statement, "SELECT 2"])
    }

    @Test("a line comment ends at the newline")
    func lineCommentEndsAtNewline() {
        #expect(texts("SELECT 1 -- c\n;SELECT 2;") == ["SELECT 1 -- c\n", "SELECT 2"])
    }

    @Test("quotes inside comments do not open strings")
    func quotesInComments() {
        #expect(texts("SELECT 1; -- don't\nSELECT 2; # it's\nSELECT 3;") == ["SELECT 1", "SELECT 2", "SELECT 3"])
    }

    @Test("comments before a statement are not part of it")
    func leadingCommentsSkipped() {
        #expect(texts("-- header\n/* block */ # hash\nSELECT 1;") == ["SELECT 1"])
    }

    @Test("a single '-' is an operator, not a comment")
    func singleDashIsNotComment() {
        #expect(texts("SELECT 1 - 2; SELECT 3;") == ["SELECT 1 - 2", "SELECT 3"])
    }

    @Test(
        "whitespace and comment-only text is not a statement",
        arguments: [
            "", "   ", "\n\t \r\n", "-- only a comment", "# hash", "/* block; */", "/* a */ -- b\n # c\n;", " ; ; ",
        ])
    func triviaOnly(script: String) {
        #expect(StatementSplitter.split(script).isEmpty)
    }

    // MARK: - Procedures

    @Test("CREATE PROCEDURE ... BEGIN ... END stays one statement")
    func procedureBody() {
        let script = "CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END;"
        let pieces = StatementSplitter.split(script)
        #expect(pieces.map(\.text) == ["CREATE PROCEDURE p() BEGIN SELECT 1; SELECT 2; END"])
        #expect(pieces.map(\.terminated) == [true])
    }

    @Test("keywords are matched case-insensitively and statements after the procedure split again")
    func procedureThenMore() {
        let script = "create procedure p(x int) begin select 1; end; SELECT 2; SELECT 3;"
        #expect(texts(script) == ["create procedure p(x int) begin select 1; end", "SELECT 2", "SELECT 3"])
    }

    @Test("a procedure whose END has not arrived yet is unterminated")
    func procedureUnfinished() {
        let pieces = StatementSplitter.split("CREATE PROCEDURE p() BEGIN SELECT 1;")
        #expect(pieces.map(\.text) == ["CREATE PROCEDURE p() BEGIN SELECT 1;"])
        #expect(pieces.map(\.terminated) == [false])
    }

    @Test("BEGIN in other statements does not suspend splitting")
    func beginOutsideProcedure() {
        #expect(texts("SELECT begin FROM t; SELECT 2;") == ["SELECT begin FROM t", "SELECT 2"])
    }

    @Test("a CASE ... END inside a procedure body does not close the body")
    func caseInsideProcedure() {
        let procedure = "CREATE PROCEDURE p() BEGIN SELECT CASE WHEN a > 1 THEN 1 ELSE 0 END FROM t; SELECT 2; END"
        // The parser accepts the whole procedure, so only the splitter is at fault if this fails.
        #expect(throws: Never.self) { _ = try Parser.parseStatement(procedure) }
        #expect(texts(procedure + "; SELECT 3;") == [procedure, "SELECT 3"])
    }

    // MARK: - Start locations

    @Test("start locations in a multi-line script")
    func startLocations() {
        let script = "SELECT 1;\n  SELECT 2; SELECT 3;\n\n-- c\n   SELECT\n4"
        let pieces = StatementSplitter.split(script)
        #expect(pieces.map(\.text) == ["SELECT 1", "SELECT 2", "SELECT 3", "SELECT\n4"])
        #expect(
            pieces.map(\.start) == [
                SourceLocation(offset: 0, line: 1, column: 1),
                SourceLocation(offset: 12, line: 2, column: 3),
                SourceLocation(offset: 22, line: 2, column: 13),
                SourceLocation(offset: 41, line: 5, column: 4),
            ])
        #expect(pieces.map(\.terminated) == [true, true, true, false])
    }

    @Test("the start offset indexes the statement's text in the script's UTF-8")
    func startOffsetMatchesText() {
        let script = "/* x */ SELECT 'a;b';\n# c\n\tSELECT `x;y` FROM t -- z\n;"
        let utf8 = Array(script.utf8)
        for piece in StatementSplitter.split(script) {
            let length = piece.text.utf8.count
            #expect(
                String(decoding: utf8[piece.start.offset..<piece.start.offset + length], as: UTF8.self) == piece.text)
        }
        #expect(StatementSplitter.split(script).count == 2)
    }

    @Test("columns count characters, offsets count UTF-8 bytes")
    func unicodeColumns() throws {
        // "é" is 2 bytes, "日本" 6 bytes; each character is one column.
        let script = "SELECT 'é'; SELECT '日本'; SELECT 3;"
        let pieces = StatementSplitter.split(script)
        try #require(pieces.count == 3)
        #expect(pieces[1].start == SourceLocation(offset: 13, line: 1, column: 13))
        #expect(pieces[2].start == SourceLocation(offset: 30, line: 1, column: 26))
    }

    @Test("a multi-line comment advances the line count")
    func blockCommentLines() throws {
        let pieces = StatementSplitter.split("/* one\ntwo\nthree */ SELECT 1;")
        let piece = try #require(pieces.first)
        #expect(pieces.count == 1)
        #expect(piece.start == SourceLocation(offset: 20, line: 3, column: 10))
    }

    @Test("newlines inside strings advance the line count")
    func stringNewlineLines() throws {
        let pieces = StatementSplitter.split("SELECT 'a\nb';\nSELECT 2;")
        try #require(pieces.count == 2)
        #expect(pieces[1].start == SourceLocation(offset: 14, line: 3, column: 1))
    }
}
