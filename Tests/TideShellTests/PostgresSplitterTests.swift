import Testing
import TideCore
import TideShell

@Suite struct PostgresSplitterTests {
    private func texts(_ source: String) -> [String] { PostgresSplitter.split(source).map(\.text) }

    @Test func splitsAtSemicolonsOutsideQuotes() {
        #expect(texts("SELECT 1; SELECT ';' AS s;") == ["SELECT 1", "SELECT ';' AS s"])
        #expect(
            texts("SELECT 'it''s; fine'; SELECT \"a;b\" FROM t;") == ["SELECT 'it''s; fine'", "SELECT \"a;b\" FROM t"])
    }

    @Test func dollarQuotedBodiesKeepTheirSemicolons() {
        let body = "DO $$ BEGIN RAISE WARNING 'x'; END $$"
        #expect(texts(body + ";") == [body])
        let tagged = "CREATE FUNCTION f() RETURNS int AS $fn$ SELECT 1; $fn$ LANGUAGE sql"
        #expect(texts(tagged + "; SELECT $1;") == [tagged, "SELECT $1"])
    }

    @Test func unfinishedDollarQuoteIsNotTerminated() {
        let pieces = PostgresSplitter.split("CREATE FUNCTION f() AS $$\nSELECT 1;\n")
        #expect(pieces.count == 1)
        #expect(pieces.first?.terminated == false)
    }

    @Test func escapeStringsAndComments() {
        #expect(
            texts("SELECT E'a\\';b'; -- c; d\nSELECT /* x; /* y; */ z; */ 2;") == [
                "SELECT E'a\\';b'", "SELECT /* x; /* y; */ z; */ 2",
            ])
        // Without E, a backslash is an ordinary character (standard_conforming_strings).
        #expect(texts("SELECT 'a\\';b';") == ["SELECT 'a\\'", "b';"])
    }

    @Test func parenthesesHoldSemicolons() {
        #expect(
            texts("CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2);") == [
                "CREATE RULE r AS ON INSERT TO t DO ALSO (SELECT 1; SELECT 2)"
            ])
    }

    @Test func startsPointIntoTheInput() {
        let pieces = PostgresSplitter.split("-- hi\nSELECT 1;\n  SELECT 2;")
        #expect(
            pieces.map(\.start) == [
                SourceLocation(offset: 6, line: 2, column: 1), SourceLocation(offset: 18, line: 3, column: 3),
            ])
        #expect(PostgresSplitter.split("  -- only a comment\n").isEmpty)
    }
}
