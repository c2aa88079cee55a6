import Testing
import TideCore

@testable import TideSQL

@Suite struct LexerTests {
    private func kinds(_ text: String) throws -> [Token.Kind] {
        try Lexer.tokenize(text).map(\.kind).dropLast()
    }

    @Test func wordsKeepTheirSpellingAndQuotedNamesLoseTheirQuotes() throws {
        #expect(try kinds("select `a-b` Ts") == [.word("select"), .quotedIdentifier("a-b"), .word("Ts")])
        #expect(try kinds("`a``b`") == [.quotedIdentifier("a`b")])
    }

    @Test func numericLiteralsAndSuffixes() throws {
        #expect(
            try kinds("1 123L 2l 3f 1.5 1.5f .5 1e3 2.5E-2 10s 5m 2h 3d 7D") == [
                .integer(digits: "1", suffix: .none), .integer(digits: "123", suffix: .long),
                .integer(digits: "2", suffix: .long), .integer(digits: "3", suffix: .float),
                .decimal(text: "1.5", isFloat: false), .decimal(text: "1.5", isFloat: true),
                .decimal(text: "0.5", isFloat: false), .decimal(text: "1e3", isFloat: false),
                .decimal(text: "2.5e-2", isFloat: false), .interval(digits: "10", unit: .second),
                .interval(digits: "5", unit: .minute), .interval(digits: "2", unit: .hour),
                .interval(digits: "3", unit: .day), .interval(digits: "7", unit: .day),
            ])
    }

    @Test(arguments: ["0xFF", "12abc", "1.5L", "3sx", "1.5d"])
    func trailingJunkAfterANumberIsAnError(_ text: String) throws {
        let error = #expect(throws: TideError.self) { try Lexer.tokenize(text) }
        #expect(error?.code == .syntaxError)
        #expect(error?.message.contains("trailing junk") == true)
    }

    @Test func stringsUnescapeBackslashesAndDoubledQuotes() throws {
        #expect(
            try kinds(#"'it\'s' "say \"hi\"" 'a''b' 'tab\tnl\n' 'back\\slash' "mixed 'q'""#) == [
                .string("it's"), .string("say \"hi\""), .string("a'b"), .string("tab\tnl\n"),
                .string("back\\slash"), .string("mixed 'q'"),
            ])
    }

    @Test func unicodeInStringsAndNames() throws {
        #expect(try kinds("'héllo 世界' `列`") == [.string("héllo 世界"), .quotedIdentifier("列")])
    }

    @Test func commentsAreSkipped() throws {
        #expect(try kinds("a -- one\n# two\n/* three\n four */ b") == [.word("a"), .word("b")])
    }

    @Test func symbolsIncludingTwoCharacterOperators() throws {
        #expect(
            try kinds("<= >= <> != == %% += ( ) [ ] , ; . * / % = < > & | ^ ~ ! :")
                == [
                    "<=", ">=", "<>", "!=", "==", "%%", "+=", "(", ")", "[", "]", ",", ";", ".", "*", "/", "%", "=",
                    "<",
                    ">", "&", "|", "^", "~", "!", ":",
                ].map { .symbol($0) })
    }

    @Test func parametersAndVariables() throws {
        #expect(
            try kinds("? $2 @@execute_mode @@global.x @user") == [
                .parameter(nil), .parameter(2), .variable(name: "execute_mode", system: true),
                .variable(name: "global.x", system: true), .variable(name: "user", system: false),
            ])
        #expect(throws: TideError.self) { try Lexer.tokenize("$0") }
    }

    @Test func positionsCountLinesAndCharacters() throws {
        let tokens = try Lexer.tokenize("SELECT\n  'é', x")
        #expect(tokens[1].location == SourceLocation(offset: 9, line: 2, column: 3))
        // 'é' is 4 bytes but 3 characters: the comma is at column 6, byte offset 13.
        #expect(tokens[2].location == SourceLocation(offset: 13, line: 2, column: 6))
        #expect(tokens[3].location == SourceLocation(offset: 15, line: 2, column: 8))
    }

    @Test func positionsStartWhereTheStatementStartsInTheScript() throws {
        let start = SourceLocation(offset: 20, line: 3, column: 5)
        let tokens = try Lexer.tokenize("a b", start: start)
        #expect(tokens[1].location == SourceLocation(offset: 22, line: 3, column: 7))
    }

    @Test(arguments: [
        ("'open", "unterminated quoted string"), ("`open", "unterminated quoted identifier"),
        ("/* open", "unterminated /* comment"), ("a $ b", "unexpected character"), ("{", "unexpected character"),
    ])
    func lexicalErrors(_ text: String, _ message: String) throws {
        let error = #expect(throws: TideError.self) { try Lexer.tokenize(text) }
        #expect(error?.code == .syntaxError)
        #expect(error?.message.contains(message) == true)
    }
}
