import Testing

@testable import TideKafka

@Suite("CSVLineSplitter")
struct CSVLineSplitterTests {
    private func fields(_ text: String) throws(MessageRejection) -> [String?] {
        try CSVLineSplitter.fields(Array(text.utf8))
    }

    @Test("commas, quotes, doubled quotes, empty fields and a trailing newline")
    func splitting() throws {
        #expect(try fields("a,b,c") == ["a", "b", "c"])
        #expect(try fields(#""a,b","say ""hi""",,"""#) == ["a,b", #"say "hi""#, nil, ""])
        #expect(try fields("x,\r\n") == ["x", nil])
        #expect(try fields("") == [nil])
        #expect(try fields(",") == [nil, nil])
    }

    @Test("an unterminated quote or text after a closing quote is rejected")
    func malformed() {
        #expect(throws: MessageRejection.self) { try fields(#""abc"#) }
        #expect(throws: MessageRejection.self) { try fields(#""a"b,c"#) }
    }
}
