import TideCore
import XCTest

@testable import TideHTTP

/// The tolerant request parser and the response writer.
final class RequestJSONTests: XCTestCase {
    func testNonFiniteTokens() throws {
        let json = try RequestJSONParser.parse("[NaN, Infinity, -Infinity, Inf, -Inf, 1, -2.5e3, 9223372036854775808]")
        let values = try XCTUnwrap(json.arrayValue)
        guard case .double(let nan) = values[0] else { return XCTFail("\(values[0])") }
        XCTAssertTrue(nan.isNaN)
        XCTAssertEqual(values[1], .double(.infinity))
        XCTAssertEqual(values[2], .double(-.infinity))
        XCTAssertEqual(values[3], .double(.infinity))
        XCTAssertEqual(values[4], .double(-.infinity))
        XCTAssertEqual(values[5], .integer(1))
        XCTAssertEqual(values[6], .double(-2500))
        XCTAssertEqual(values[7], .double(9_223_372_036_854_775_808))
    }

    func testStringsAndObjects() throws {
        let json = try RequestJSONParser.parse(
            #" {"a": "x\"\\\/\n\u00e9\ud83d\ude00", "b": [true, false, null], "a": 2} "#)
        XCTAssertEqual(json["a"], .string("x\"\\/\n\u{e9}\u{1F600}"))
        XCTAssertEqual(json["b"], .array([.bool(true), .bool(false), .null]))
    }

    func testRejections() {
        for text in [
            "", "{", "[1,]", "{\"a\" 1}", "TRUE", "Null", "nan", "01", "1.", "1e", "1e1000", "\"\\x\"", "\"\u{1}\"",
            "[1] 2", "\"\\ud800\"", "{a: 1}", "-", "+1",
        ] {
            XCTAssertThrowsError(try RequestJSONParser.parse(text), text)
        }
        let deep = String(repeating: "[", count: 1000) + String(repeating: "]", count: 1000)
        XCTAssertThrowsError(try RequestJSONParser.parse(deep))
    }

    func testValueDecodingFollowsColumnTypes() {
        XCTAssertEqual(try RequestValueDecoder.value(.integer(7), type: .int16).get(), .int16(7))
        XCTAssertThrowsError(try RequestValueDecoder.value(.integer(70_000), type: .int16).get())
        XCTAssertThrowsError(try RequestValueDecoder.value(.double(1.5), type: .int32).get())
        XCTAssertEqual(try RequestValueDecoder.value(.integer(2), type: .double).get(), .double(2))
        XCTAssertEqual(
            try RequestValueDecoder.value(.integer(1_635_247_427_000), type: .timestamp).get(),
            .timestamp(1_635_247_427_000))
        XCTAssertThrowsError(try RequestValueDecoder.value(.string("2021-10-26"), type: .timestamp).get())
        XCTAssertEqual(try RequestValueDecoder.value(.string("1970-01-02"), type: .date).get(), .date(1))
        XCTAssertThrowsError(try RequestValueDecoder.value(.string("2021-13-01"), type: .date).get())
        XCTAssertThrowsError(try RequestValueDecoder.value(.integer(1), type: .string).get())
        XCTAssertEqual(try RequestValueDecoder.value(.null, type: .string).get(), .null)
        XCTAssertThrowsError(try RequestValueDecoder.value(.null, type: .string, notNull: true).get())
    }

    func testOutputFormats() {
        let out = JSONOutput()
        out.array {
            out.value(.date(Int32(CivilDateDays.may20)))
            out.value(.float(1.1))
            out.value(.double(.nan))
            out.value(.double(.infinity))
            out.value(.string("q\"\u{1}"))
            out.value(.int16(-3))
            out.value(.map(keys: [.string("k"), .int32(1)], values: [.bool(true), .null]))
        }
        XCTAssertEqual(out.text, #"["2021-5-20",1.1,NaN,Infinity,"q\"\u0001",-3,{"k":true,"1":null}]"#)
        let nulls = JSONOutput(nanAndInfAsNull: true)
        nulls.array {
            nulls.value(.double(-.infinity))
            nulls.value(.float(.nan))
        }
        XCTAssertEqual(nulls.text, "[null,null]")
    }
}

/// Day numbers used above.
private enum CivilDateDays {
    /// 2021-05-20.
    static let may20 = 18_767
}
