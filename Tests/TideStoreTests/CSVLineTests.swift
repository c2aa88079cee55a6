import Testing

@testable import TideStore

@Suite("CSVLine")
struct CSVLineTests {
    private func fields(_ text: String) throws(CSVLine.Malformed) -> [String?] { try CSVLine.fields(Array(text.utf8)) }

    @Test("commas, quotes, doubled quotes, empty fields and a trailing newline")
    func splitting() throws {
        #expect(try fields("a,b,c") == ["a", "b", "c"])
        #expect(try fields(#""a,b","say ""hi""",,"""#) == ["a,b", #"say "hi""#, nil, ""])
        #expect(try fields("x,\r\n") == ["x", nil])
        #expect(try fields("") == [nil])
        #expect(try fields(",") == [nil, nil])
    }

    @Test("an unterminated quote, text after a closing quote or a second line is rejected")
    func malformed() {
        #expect(throws: CSVLine.Malformed.self) { try fields(#""abc"#) }
        #expect(throws: CSVLine.Malformed.self) { try fields(#""a"b,c"#) }
        #expect(throws: CSVLine.Malformed.self) { try fields("a,b\nc,d") }
    }
}
