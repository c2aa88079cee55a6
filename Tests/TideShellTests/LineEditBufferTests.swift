import Testing
import TideShell

@Suite struct LineEditBufferTests {
    private func type(_ text: String, into buffer: inout LineEditBuffer) {
        for c in text { _ = buffer.apply(.character(c)) }
    }

    @Test func editingInTheMiddle() {
        var buffer = LineEditBuffer(history: [])
        type("selct 1", into: &buffer)
        for _ in 0..<4 { _ = buffer.apply(.left) }
        _ = buffer.apply(.character("e"))
        #expect(buffer.line == "select 1")
        _ = buffer.apply(.end)
        _ = buffer.apply(.backspace)
        type("2;", into: &buffer)
        #expect(buffer.apply(.enter) == .submit("select 2;"))
        _ = buffer.apply(.home)
        _ = buffer.apply(.delete)
        #expect(buffer.line == "elect 2;")
        _ = buffer.apply(.right)
        _ = buffer.apply(.killToStart)
        #expect(buffer.line == "lect 2;")
        #expect(buffer.cursor == 0)
    }

    @Test func historyBrowsingKeepsTheDraft() {
        var buffer = LineEditBuffer(history: ["first;", "second;"])
        type("dra", into: &buffer)
        _ = buffer.apply(.up)
        #expect(buffer.line == "second;")
        _ = buffer.apply(.up)
        #expect(buffer.line == "first;")
        _ = buffer.apply(.up)
        #expect(buffer.line == "first;")
        _ = buffer.apply(.down)
        _ = buffer.apply(.down)
        #expect(buffer.line == "dra")
        #expect(buffer.cursor == 3)
    }

    @Test func controlKeys() {
        var buffer = LineEditBuffer(history: [])
        #expect(buffer.apply(.endOfInput) == .endOfInput)
        type("ab", into: &buffer)
        #expect(buffer.apply(.endOfInput) == .redraw)
        #expect(buffer.apply(.interrupt) == .cancel)
        var unicode = LineEditBuffer(history: [])
        type("é世", into: &unicode)
        _ = unicode.apply(.backspace)
        #expect(unicode.line == "é")
    }
}
