import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

/// Shorthand: call a scalar function.
private func call(_ name: String, _ args: [Value], timeZone: SessionTimeZone = .utc) throws -> Value {
    try FunctionTesting.call(name, args, timeZone: timeZone)
}

/// Shorthand: call a scalar function on strings.
private func call(_ name: String, _ args: String...) throws -> Value {
    try FunctionTesting.call(name, args.map(Value.string))
}

private func strings(_ items: String?...) -> Value {
    .array(items.map { $0.map(Value.string) ?? .null })
}

@Suite("String functions")
struct StringFunctionTests {
    // MARK: - Lengths, case, reverse, char

    @Test func charLengthCountsUTF8Bytes() throws {
        #expect(try call("char_length", "Spark SQL ") == .int32(10))
        #expect(try call("character_length", "") == .int32(0))
        #expect(try call("char_length", "é") == .int32(2))
        #expect(try call("char_length", "e\u{301}") == .int32(3))
        #expect(try call("char_length", [.null]) == .null)
    }

    @Test func caseChangesOnlyASCIILetters() throws {
        #expect(try call("ucase", "Sql-é9") == .string("SQL-é9"))
        #expect(try call("upper", "ßàx") == .string("ßàX"))
        #expect(try call("lower", "SQl ÉA") == .string("sql Éa"))
        #expect(try call("lcase", "") == .string(""))
        #expect(try call("ucase", [.null]) == .null)
    }

    @Test func reverseKeepsCharactersWhole() throws {
        #expect(try call("reverse", "abc") == .string("cba"))
        #expect(try call("reverse", "") == .string(""))
        #expect(try call("reverse", "ae\u{301}z") == .string("ze\u{301}a"))
        #expect(try call("reverse", "日本") == .string("本日"))
    }

    @Test func charWrapsAt256() throws {
        #expect(try call("char", [.int32(65)]) == .string("A"))
        #expect(try call("char", [.int32(321)]) == .string("A"))
        #expect(try call("char", [.int32(-191)]) == .string("A"))
        #expect(try call("char", [.int16(97)]) == .string("a"))
        #expect(try call("char", [.int32(233)]) == .string("é"))
        #expect(try call("char", [.null]) == .null)
    }

    // MARK: - concat

    @Test func concatConvertsEachTypeToText() throws {
        #expect(try call("concat", "hello", "world", "abc") == .string("helloworldabc"))
        #expect(try call("concat", [.int64(1_234_567_890), .int64(-12)]) == .string("1234567890-12"))
        #expect(try call("concat", [.float(11.1), .float(30)]) == .string("11.130"))
        #expect(try call("concat", [.double(12.1), .double(-0.5)]) == .string("12.1-0.5"))
        #expect(try call("concat", [.bool(true), .bool(false)]) == .string("truefalse"))
        #expect(try call("concat", [.date(18_384)]) == .string("2020-05-02"))
        #expect(try call("concat", [.timestamp(1_590_738_989_000)]) == .string("2020-05-29 07:56:29"))
        let shanghai = try #require(SessionTimeZone("+08:00"))
        #expect(
            try call("concat", [.timestamp(1_590_738_989_000)], timeZone: shanghai) == .string("2020-05-29 15:56:29"))
        #expect(try call("concat", [.double(.nan), .double(-.infinity)]) == .string("nan-inf"))
        #expect(try call("concat", [.string("id:"), .int32(7), .string("/"), .double(2.5)]) == .string("id:7/2.5"))
    }

    @Test func concatIsNullIfAnyArgumentIs() throws {
        #expect(try call("concat", [.string("a"), .null, .string("b")]) == .null)
        #expect(try call("concat", [.string("")]) == .string(""))
    }

    @Test func concatWSSeparatesArguments() throws {
        #expect(try call("concat_ws", "#", "a", "b", "c") == .string("a#b#c"))
        #expect(try call("concat_ws", "-", "only") == .string("only"))
        #expect(try call("concat_ws", [.string(", "), .int32(1), .int32(2)]) == .string("1, 2"))
        #expect(try call("concat_ws", [.string("#"), .string("a"), .null]) == .null)
        #expect(try call("concat_ws", [.null, .string("a"), .string("b")]) == .null)
    }

    // MARK: - hex / unhex

    @Test func hexOfNumbers() throws {
        #expect(try call("hex", [.int32(17)]) == .string("11"))
        #expect(try call("hex", [.int16(255)]) == .string("FF"))
        #expect(try call("hex", [.int32(-1)]) == .string("FFFFFFFF"))
        #expect(try call("hex", [.int64(-1)]) == .string("FFFFFFFFFFFFFFFF"))
        #expect(try call("hex", [.double(17.4)]) == .string("11"))
        #expect(try call("hex", [.double(17.5)]) == .string("12"))
        #expect(try call("hex", [.float(-0.5)]) == .string("FFFFFFFFFFFFFFFF"))
        #expect(try call("hex", [.double(.nan)]) == .null)
        #expect(try call("hex", [.double(.infinity)]) == .null)
    }

    @Test func hexOfStringsIsTwoDigitsPerByte() throws {
        #expect(try call("hex", "Spark SQL") == .string("537061726B2053514C"))
        #expect(try call("hex", "\n") == .string("0A"))
        #expect(try call("hex", "é") == .string("C3A9"))
        #expect(try call("hex", "") == .string(""))
    }

    @Test func unhexDecodesOrGivesNull() throws {
        #expect(try call("unhex", "537061726B2053514C") == .string("Spark SQL"))
        #expect(try call("unhex", "c3a9") == .string("é"))
        #expect(try call("unhex", "141") == .string("\u{1}A"))
        #expect(try call("unhex", "") == .string(""))
        #expect(try call("unhex", "4G") == .null)
        #expect(try call("unhex", "FF") == .string("\u{FFFD}"))
    }

    // MARK: - LIKE

    @Test func likeWildcards() throws {
        #expect(try call("like_match", "a_b", "a_b") == .bool(true))
        #expect(try call("like_match", "aab", "a_b") == .bool(true))
        #expect(try call("like_match", "aaab", "a_b") == .bool(false))
        #expect(try call("like_match", "ab", "a%b") == .bool(true))
        #expect(try call("like_match", "a%_xb", "a%b") == .bool(true))
        #expect(try call("like_match", "abc", "a%b") == .bool(false))
        #expect(try call("like_match", "", "%") == .bool(true))
        #expect(try call("like_match", "", "") == .bool(true))
        #expect(try call("like_match", "x", "") == .bool(false))
        #expect(try call("like_match", "", "_") == .bool(false))
        #expect(try call("like_match", "Mike", "m_ke") == .bool(false))
    }

    @Test func likeCountsBytes() throws {
        #expect(try call("like_match", "aéb", "a_b") == .bool(false))
        #expect(try call("like_match", "aéb", "a__b") == .bool(true))
        #expect(try call("like_match", "日本語", "%本%") == .bool(true))
    }

    @Test func likeEscapes() throws {
        #expect(try call("like_match", "Mike", "M_\\ke") == .bool(true))
        #expect(try call("like_match", "Mi_e", "Mi\\_e", "\\") == .bool(true))
        #expect(try call("like_match", "Mike", "Mi\\_e", "\\") == .bool(false))
        #expect(try call("like_match", "Mi\\ke", "Mi\\_e", "") == .bool(true))
        #expect(try call("like_match", "ab%", "a%b#%", "#") == .bool(true))
        #expect(try call("like_match", "a%_b%0", "a%b#%", "#") == .bool(false))
        #expect(try call("like_match", "ab", "ab#", "#") == .bool(false))
        #expect(try call("like_match", "ab", "ab", "##") == .bool(false))
        #expect(try call("like_match", [.string("Mike"), .string("M%"), .null]) == .null)
        #expect(try call("like_match", [.string("Mike"), .null]) == .null)
        #expect(try call("like_match", [.null, .string("%")]) == .null)
    }

    @Test func ilikeFoldsASCIIOnly() throws {
        #expect(try call("ilike_match", "Mike", "m_KE") == .bool(true))
        #expect(try call("ilike_match", "A0b", "a_B") == .bool(true))
        #expect(try call("ilike_match", "M_ke", "m&_ke", "&") == .bool(true))
        #expect(try call("ilike_match", "É", "é") == .bool(false))
    }

    @Test func likePatternIsPublicForTheOperators() {
        #expect(LikePattern.matches("a_c", pattern: "a\\_c"))
        #expect(!LikePattern.matches("abc", pattern: "a\\_c"))
        #expect(LikePattern.matches("abc", pattern: "a\\_c", escape: nil) == false)
        #expect(LikePattern.matches("a\\bc", pattern: "a\\_c", escape: nil))
        #expect(LikePattern.escapeByte("") == .success(nil))
        #expect(LikePattern.escapeByte("ab") == .failure(.tooLong))
        let long = String(repeating: "a", count: 200)
        #expect(!LikePattern.matches(long, pattern: String(repeating: "%a", count: 40) + "b"))
    }

    // MARK: - regexp_like

    @Test func regexpLikeMatchesTheWholeString() throws {
        let email = "[A-Za-z0-9+_.-]+@openmldb[A-Za-z0-9+_.-]+"
        #expect(try call("regexp_like", "contact@openmldb.ai", email) == .bool(true))
        #expect(try call("regexp_like", "contact@opfnmldb.ai", email) == .bool(false))
        #expect(try call("regexp_like", "abc", "b") == .bool(false))
        #expect(try call("regexp_like", "", "") == .bool(true))
    }

    @Test func regexpLikeFlags() throws {
        #expect(try call("regexp_like", "ABC", "abc", "i") == .bool(true))
        #expect(try call("regexp_like", "ABC", "abc", "ic") == .bool(false))
        #expect(try call("regexp_like", "ABC", "abc", "ci") == .bool(true))
        #expect(try call("regexp_like", "a\nb", "a.b") == .bool(false))
        #expect(try call("regexp_like", "a\nb", "a.b", "s") == .bool(true))
        #expect(try call("regexp_like", "a\nb", "a$\n^b", "m") == .bool(true))
        #expect(try call("regexp_like", "abc", "abc", "xyz") == .bool(true))
    }

    @Test func regexpLikeInvalidPatternIsNull() throws {
        #expect(try call("regexp_like", "abc", "(") == .null)
        #expect(try call("regexp_like", [.null, .string("a")]) == .null)
    }

    // MARK: - replace, strcmp

    @Test func replaceEveryOccurrence() throws {
        #expect(try call("replace", "ABCabcabc", "abc", "ABC") == .string("ABCABCABC"))
        #expect(try call("replace", "ABCabcabc", "abca", "A") == .string("ABCAbc"))
        #expect(try call("replace", "ABCabcabc", "abc") == .string("ABC"))
        #expect(try call("replace", "aaa", "aa", "b") == .string("ba"))
        #expect(try call("replace", "abc", "", "x") == .string("abc"))
        #expect(try call("replace", "café café", "é", "e") == .string("cafe cafe"))
        #expect(try call("replace", [.string("abc"), .string("b"), .null]) == .null)
    }

    @Test func strcmpComparesBytes() throws {
        #expect(try call("strcmp", "text", "text2") == .int32(-1))
        #expect(try call("strcmp", "text2", "text") == .int32(1))
        #expect(try call("strcmp", "text", "text") == .int32(0))
        #expect(try call("strcmp", "", "") == .int32(0))
        #expect(try call("strcmp", "Z", "a") == .int32(-1))
        #expect(try call("strcmp", "é", "e\u{301}") == .int32(1))
        #expect(try call("strcmp", [.null, .string("a")]) == .null)
    }

    @Test func strcmpRejectsNonStrings() {
        #expect(throws: TideError.self) { try call("strcmp", [.int32(1), .string("a")]) }
    }

    // MARK: - substring, locate

    @Test func substringPositions() throws {
        #expect(try call("substr", [.string("123456789"), .int32(3)]) == .string("3456789"))
        #expect(try call("substring", [.string("123456789"), .int32(3), .int32(2)]) == .string("34"))
        #expect(try call("substring", [.string("123456789"), .int32(3), .int32(20)]) == .string("3456789"))
        #expect(try call("substring", [.string("123456789"), .int32(30), .int32(2)]) == .string(""))
        #expect(try call("substring", [.string("123456789"), .int32(30)]) == .string(""))
        #expect(try call("substring", [.string("hello_world"), .int32(3), .int32(6)]) == .string("llo_wo"))
        #expect(try call("substring", [.string("hello"), .int32(-3)]) == .string("llo"))
        #expect(try call("substring", [.string("hello"), .int32(-3), .int32(2)]) == .string("ll"))
        #expect(try call("substring", [.string("hello"), .int32(-5)]) == .string("hello"))
        #expect(try call("substring", [.string("hello"), .int32(-6)]) == .string(""))
        #expect(try call("substring", [.string("hello"), .int32(0)]) == .string(""))
        #expect(try call("substring", [.string("hello"), .int32(1), .int32(0)]) == .string(""))
        #expect(try call("substring", [.string("hello"), .int32(1), .int32(-1)]) == .string(""))
        #expect(try call("substring", [.string(""), .int32(1)]) == .string(""))
        #expect(try call("substring", [.string("hello"), .null]) == .null)
        #expect(try call("substring", [.string("hello"), .int16(2)]) == .string("ello"))
    }

    @Test func substringCountsBytes() throws {
        #expect(try call("substring", [.string("héllo"), .int32(4)]) == .string("llo"))
        #expect(try call("substring", [.string("héllo"), .int32(2), .int32(2)]) == .string("é"))
        #expect(try call("substring", [.string("héllo"), .int32(1), .int32(2)]) == .string("h\u{FFFD}"))
    }

    @Test func locateFindsBytePositions() throws {
        #expect(try call("locate", "bar", "foobarbar") == .int32(4))
        #expect(try call("locate", "xbar", "foobar") == .int32(0))
        #expect(try call("locate", [.string("bar"), .string("foobarbar"), .int32(5)]) == .int32(7))
        #expect(try call("locate", [.string("bar"), .string("foobarbar"), .int32(0)]) == .int32(0))
        #expect(try call("locate", [.string("bar"), .string("foobarbar"), .int32(-1)]) == .int32(0))
        #expect(try call("locate", [.string("bar"), .string("foobarbar"), .int32(100)]) == .int32(0))
        #expect(try call("locate", "", "abc") == .int32(1))
        #expect(try call("locate", [.string(""), .string("abc"), .int32(4)]) == .int32(4))
        #expect(try call("locate", [.string(""), .string("abc"), .int32(5)]) == .int32(0))
        #expect(try call("locate", "b", "éb") == .int32(3))
        #expect(try call("locate", [.null, .string("abc")]) == .null)
    }

    // MARK: - split, split_by_key, split_by_value, split_array, join

    @Test func splitKeepsEmptyPieces() throws {
        #expect(try call("split", "k1:v1,k2:v2", ",") == strings("k1:v1", "k2:v2"))
        #expect(try call("split", "a,,b,", ",") == strings("a", "", "b", ""))
        #expect(try call("split", "", ",") == strings(""))
        #expect(try call("split", "abc", "") == strings())
        #expect(try call("split", "a1b22c", "[0-9]+") == strings("a", "b", "c"))
        #expect(try call("split", "a::b::", "::") == strings("a", "b", ""))
    }

    @Test func splitOfNullIsEmptyList() throws {
        #expect(try call("split", [.null, .string(",")]) == .array([]))
        #expect(try call("split", [.string("a,b"), .null]) == .null)
        #expect(try call("split_by_key", [.null, .string(","), .string(":")]) == .array([]))
        #expect(try call("split_by_value", [.string("a:1"), .string(","), .null]) == .null)
    }

    @Test func splitByKeyAndValue() throws {
        #expect(try call("split_by_key", "k1:1,k2:2", ",", ":") == strings("k1", "k2"))
        #expect(try call("split_by_value", "k1:1,k2:2", ",", ":") == strings("1", "2"))
        #expect(try call("split_by_key", "???,,k4:v4", ",", ":") == strings("k4"))
        #expect(try call("split_by_value", "a:1:x,b:,c", ",", ":") == strings("1", ""))
        #expect(try call("split_by_key", ":v,k:", ",", ":") == strings("", "k"))
        #expect(try call("split_by_key", "a:1", "", ":") == strings())
        #expect(try call("split_by_value", "a=>1;;b=>2", ";;", "=>") == strings("1", "2"))
    }

    @Test func splitArrayMakesEmptyPiecesNull() throws {
        #expect(try call("split_array", "1,2", ",") == strings("1", "2"))
        #expect(try call("split_array", "a,,b", ",") == strings("a", nil, "b"))
        #expect(try call("split_array", "", ",") == strings(nil))
        #expect(try call("split_array", "ab", "") == strings("a", "b"))
        #expect(try call("split_array", "a.b", ".") == strings("a", "b"))
        #expect(try call("split_array", [.null, .string(",")]) == .null)
    }

    @Test func joinSkipsNulls() throws {
        #expect(try call("join", [strings("a", "b", "c"), .string(" ")]) == .string("a b c"))
        #expect(try call("join", [strings("a", nil, "c"), .string("-")]) == .string("a-c"))
        #expect(try call("join", [strings(), .string("-")]) == .string(""))
        #expect(
            try FunctionTesting.call("join", types: [.array(.string), .string], [.array([]), .string(",")])
                == .string(""))
        #expect(try call("join", [strings("a"), .null]) == .null)
    }

    @Test func joinAggregatesAWindowColumn() throws {
        let rows: [[Value]] = [[.string("a"), .string(",")], [.null, .string(",")], [.string("c"), .string(",")]]
        #expect(try FunctionTesting.aggregate("join", rows, types: [.string, .string]) == .string("a,c"))
        #expect(try FunctionTesting.aggregate("join", [], types: [.string, .string]) == .string(""))
        #expect(
            try FunctionTesting.aggregate("join", [[.null, .string("-")]], types: [.string, .string]) == .string(""))
    }

    @Test func joinAggregateSlidesLikeScratch() throws {
        let rows: [[Value]] = (0..<200).map { i in [i % 7 == 0 ? .null : .string("v\(i)"), .string("|")] }
        for step in try FunctionTesting.slidingVersusScratch("join", rows, width: 5, types: [.string, .string]) {
            #expect(step.sliding == step.scratch)
        }
    }
}
