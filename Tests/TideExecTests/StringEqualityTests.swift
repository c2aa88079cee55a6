import Testing
import TideCore
import TideExec

@Suite("StringEquality: distinct_count codes from string codes")
struct StringEqualityTests {
    @Test("equal Strings with different bytes share a code, and NULL counts as the empty string")
    func distinctCodesFollowStringEquality() {
        let (codes, count) = StringEquality.distinctCodes(
            [0, 1, -1, 2, 3, 1], dictionary: ["é", "e\u{301}", "x", ""])
        #expect(codes[0] == codes[1] && codes[1] == codes[5])
        #expect(codes[2] == codes[4], "NULL is coded as \"\"")
        #expect(Set(codes).count == 3 && count == 3)
        #expect(codes.allSatisfy { $0 >= 0 && $0 < count })
    }

    @Test("ASCII codes stay as they are; NULL without an empty string gets a code of its own")
    func asciiCodesAndNull() {
        let (codes, count) = StringEquality.distinctCodes([1, 0, -1, 1], dictionary: ["a", "b"])
        #expect(codes == [1, 0, 2, 1] && count == 3)
        let (noNull, noNullCount) = StringEquality.distinctCodes([1, 0], dictionary: ["a", "b"])
        #expect(noNull == [1, 0] && noNullCount == 2)
    }
}
