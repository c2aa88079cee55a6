import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

private func call(_ name: String, _ args: [Value]) throws -> Value { try FunctionTesting.call(name, args) }

@Suite struct MiscFunctionTests {
    @Test func everyOverloadHasAnImplementation() throws {
        for name in ["hash64", "earth_distance", "get_json_object", "json_array_length"] {
            let definition = try #require(FunctionCatalog.lookup(name))
            for signature in definition.signatures {
                #expect(FunctionLibrary.registry.implementation(for: signature) != nil, "\(signature.id)")
            }
        }
        #expect(FunctionCatalog.lookup("farm_fingerprint")?.name == "hash64")
    }

    /// Outputs of OpenMLDB's `hash64` (docs and feature-signature results).
    @Test func hash64MatchesOpenMLDB() throws {
        #expect(try call("hash64", [.int32(3)]) == .int64(2_681_491_882_390_849_628))
        #expect(try call("hash64", [.int64(3)]) == .int64(7_262_150_054_277_104_024))
        #expect(try call("farm_fingerprint", [.int32(90)]) == .int64(-3_754_664_774_081_171_349))
        #expect(try call("hash64", [.string("3")]) == .int64(-6_455_268_178_307_048_695))
        #expect(try call("hash64", [.string("22")]) == .int64(5_665_509_553_878_826_940))
        #expect(try call("hash64", [.string(String(repeating: "a", count: 66))]) == .int64(-5_326_603_526_618_982_479))
    }

    @Test func hash64CoversEveryLengthPath() throws {
        // The empty input hashes to FarmHash's k2 constant.
        #expect(try call("hash64", [.string("")]) == .int64(Int64(bitPattern: 0x9ae1_6a3b_2f90_404f)))
        // Regression values for the 17–32 and 33–64 byte paths (bytes 0, 1, 2, ...).
        func ascending(_ n: Int) -> String { String(decoding: (0..<n).map { UInt8($0) }, as: UTF8.self) }
        #expect(try call("hash64", [.string(ascending(17))]) == .int64(-4_920_561_954_712_641_764))
        #expect(try call("hash64", [.string(ascending(33))]) == .int64(-1_696_327_906_013_916_594))
        #expect(try call("hash64", [.string(ascending(64))]) == .int64(-755_192_159_902_184_373))
        #expect(try call("hash64", [.string(ascending(128))]) == .int64(2_037_963_038_260_878_803))
        // Strings hash their UTF-8 bytes.
        let text = "日本語のテキスト"
        #expect(
            try call("hash64", [.string(text)]) == .int64(Int64(bitPattern: FarmHash.fingerprint64(Array(text.utf8)))))
        #expect(try call("hash64", [.null]) == .null)
        #expect(try call("hash64", [.int16(3)]) != call("hash64", [.int32(3)]))
        #expect(try call("hash64", [.timestamp(3)]) == call("hash64", [.int64(3)]))
        #expect(try call("hash64", [.double(-0.0)]) != call("hash64", [.double(0.0)]))
        #expect(try call("hash64", [.date(-25567)]) != call("hash64", [.date(-25566)]))
        #expect(MiscFunctions.hashBytes(.date(0)) == [1, 0, 70, 0])
    }

    @Test func earthDistance() throws {
        #expect(
            try call("earth_distance", [.double(40), .double(73), .double(41), .double(74)])
                == .double(139.72810080682342))
        #expect(
            try call("earth_distance", [.int16(40), .int32(73), .float(41), .double(74)]) == .double(139.72810080682342)
        )
        #expect(try call("earth_distance", [.double(10), .double(20), .double(10), .double(20)]) == .double(0))
        guard
            case .double(let antipodal) = try call(
                "earth_distance", [.double(0), .double(0), .double(0), .double(180)])
        else {
            Issue.record("expected a double")
            return
        }
        #expect(abs(antipodal - 6372.8 * Double.pi) < 1e-9)
        #expect(
            try FunctionTesting.call(
                "earth_distance", types: [.double, .double, .double, .double],
                [.null, .double(0), .double(0), .double(0)]) == .null)
    }

    @Test func getJsonObjectFollowsJsonPointer() throws {
        func get(_ json: String, _ path: String) throws -> Value {
            try call("get_json_object", [.string(json), .string(path)])
        }
        #expect(try get(#"{"boo": "baz"}"#, "/boo") == .string("baz"))
        #expect(try get(#"{"boo": [1, 2]}"#, "/boo/0") == .string("1"))
        #expect(try get(#"{"boo": [1, 2]}"#, "/boo/1") == .string("2"))
        #expect(try get(#"{"boo": [1, 2]}"#, "/boo/2") == .null)
        #expect(try get(#"{"boo": [1, 2]}"#, "/boo/01") == .null)
        #expect(try get(#"{"m~n": 1}"#, "/m~0n") == .string("1"))
        #expect(try get(#"{"m/n": 1}"#, "/m~1n") == .string("1"))
        #expect(try get(#"{"foo": {"bar": bz}}"#, "/foo") == .string(#"{"bar": bz}"#))
        #expect(try get(#"{"a": 1.50, "b": -0e3}"#, "/a") == .string("1.50"))
        #expect(try get(#"{"a": 1.50, "b": -0e3}"#, "/b") == .string("-0e3"))
        #expect(try get(#"{"a": {"b": [{"c": true}]}}"#, "/a/b/0/c") == .string("true"))
        #expect(try get(#"{"a": null}"#, "/a") == .string("null"))
        #expect(try get(#"{"k": "\u00e9\ud83d\ude00\n"}"#, "/k") == .string("é😀\n"))
        #expect(try get(#"{"日本": "語"}"#, "/日本") == .string("語"))
        #expect(try get(#"{"a": 1}"#, "") == .string(#"{"a": 1}"#))
        #expect(try get(#"{"a": 1}"#, "a") == .null)
        #expect(try get(#"{"a": 1}"#, "/missing") == .null)
        #expect(try get(#"{"a": "x", "a": "y"}"#, "/a") == .string("x"))
        #expect(try get("not json", "/a") == .null)
        #expect(try get(#"{"a": [1, {"b": "]"}], "c": 2}"#, "/c") == .string("2"))
    }

    @Test func jsonArrayLengthNeedsAWellFormedArray() throws {
        func length(_ json: String) throws -> Value { try call("json_array_length", [.string(json)]) }
        #expect(try length("[1, 2]") == .int32(2))
        #expect(try length(#"[1,2,3,{"f1":1,"f2":[5,6]},4]"#) == .int32(5))
        #expect(try length("[]") == .int32(0))
        #expect(try length(#" [ "a" , "b" ] "#) == .int32(2))
        #expect(try length(#"["\u00e9", null, true, false, -1.5e-3]"#) == .int32(5))
        #expect(try length("[1, 2") == .null)
        #expect(try length(#"{"a": 1}"#) == .null)
        #expect(try length("[1,]") == .null)
        #expect(try length("[01]") == .null)
        #expect(try length("[1] x") == .null)
        #expect(try length("[bz]") == .null)
        #expect(try length("") == .null)
        #expect(try FunctionTesting.call("json_array_length", types: [.string], [.null]) == .null)
    }
}
