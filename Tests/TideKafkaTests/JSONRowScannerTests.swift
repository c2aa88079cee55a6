import Testing
import TideCore

@testable import TideKafka

@Suite("JSONRowScanner")
struct JSONRowScannerTests {
    private let scanner = JSONRowScanner(fieldNames: ["id", "name", "amount", "ok"])

    private func scan(_ text: String) throws(MessageRejection) -> [Value] { try scanner.scan(Array(text.utf8)) }

    @Test("wanted fields in any order; absent ones are NULL; others are skipped whatever they hold")
    func fields() throws {
        let values = try scan(
            #" { "amount": -1.5e2, "skip": {"a": [1, {"b": null}], "c": "}"}, "id": 42, "ok": true } "#)
        #expect(values == [.int64(42), .null, .double(-150), .bool(true)])
        #expect(try scan("{}") == [.null, .null, .null, .null])
        #expect(try scan(#"{"id": null, "ok": false}"#) == [.null, .null, .null, .bool(false)])
    }

    @Test("the scanner's guess of the next field (the declared order) never changes what is read")
    func fieldOrderGuess() throws {
        let expected: [Value] = [.int64(1), .string("a"), .double(2.5), .bool(false)]
        #expect(try scan(#"{"id": 1, "name": "a", "amount": 2.5, "ok": false}"#) == expected)
        #expect(try scan(#"{"ok": false, "amount": 2.5, "name": "a", "id": 1}"#) == expected)
        #expect(try scan(#"{"id": 1, "x": 0, "amount": 2.5, "ok": false, "name": "a"}"#) == expected)
        // Same length as a wanted name but another name: skipped, not read into the guess.
        #expect(try scan(#"{"id": 1, "nome": "b", "name": "a", "amount": 2.5, "ok": false}"#) == expected)
        #expect(try scan(#"{"name": "z", "name": "a", "id": 1, "amount": 2.5, "ok": false}"#) == expected)
    }

    @Test("strings are unescaped, including surrogate pairs")
    func strings() throws {
        let values = try scan(#"{"name": "a\"b\\c\/d\n\u00e9\ud83d\ude00"}"#)
        #expect(values[1] == .string("a\"b\\c/d\né😀"))
        #expect(try scan(#"{"name": "plain ünïcode"}"#)[1] == .string("plain ünïcode"))
    }

    @Test("integers that fit Int64 stay exact; larger ones and fractions are doubles")
    func numbers() throws {
        #expect(try scan(#"{"id": 9223372036854775807}"#)[0] == .int64(.max))
        #expect(try scan(#"{"id": -9223372036854775808}"#)[0] == .int64(.min))
        #expect(try scan(#"{"id": 9223372036854775808}"#)[0] == .double(9_223_372_036_854_775_808))
        #expect(try scan(#"{"id": 0.25}"#)[0] == .double(0.25))
    }

    @Test(
        "malformed input is rejected with a reason",
        arguments: [
            #"{"id": 1"#, #"{"id" 1}"#, #"{"id": tru}"#, #"{"id": 1,}"#, "[1]", "", #"{"id": 1} x"#,
            #"{"id": "\x"}"#, #"{"id": 01.}"#, #"{"id": -}"#, #"{"name": "\ud800"}"#,
        ])
    func malformed(_ text: String) {
        let error = #expect(throws: MessageRejection.self) { try scan(text) }
        #expect(error?.reason.contains("malformed JSON") == true)
    }

    @Test("a wanted field holding an object or array is refused by name")
    func nested() {
        let error = #expect(throws: MessageRejection.self) { try scan(#"{"name": {"first": "a"}}"#) }
        #expect(error?.reason == #"field "name" holds a JSON object, not a scalar"#)
        let array = #expect(throws: MessageRejection.self) { try scan(#"{"id": [1]}"#) }
        #expect(array?.reason == #"field "id" holds a JSON array, not a scalar"#)
    }

    @Test("deep nesting in a skipped field is bounded, not a stack overflow")
    func deepNesting() {
        let deep = #"{"skip": "# + String(repeating: "[", count: 100_000) + "}"
        let error = #expect(throws: MessageRejection.self) { try scan(deep) }
        #expect(error?.reason.contains("nested deeper than 64") == true)
    }
}
