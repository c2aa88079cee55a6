import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("top, topn_frequency, top1_ratio")
struct AggregateFrequencyTests {
    typealias T = AggregateTesting

    private func top(_ values: [Value], _ k: Value, type: SQLType, bound: SQLType = .int32) throws -> Value {
        try T.run("top", values.map { [$0, k] }, types: [type, bound])
    }

    @Test func topListsTheLargestValuesWithRepeats() throws {
        let values: [Value] = [.int32(1), .int32(2), .int32(3), .int32(4), .int32(4), .null]
        #expect(try top(values, .int32(3), type: .int32) == .string("4,4,3"))
        #expect(try top(values, .int64(10), type: .int32, bound: .int64) == .string("4,4,3,2,1"))
        #expect(try top(values, .int32(0), type: .int32) == .string(""))
        #expect(try top(values, .int32(-2), type: .int32) == .string(""))
        #expect(try top([], .int32(3), type: .int32) == .string(""))
    }

    @Test func topPrintsValuesAsOpenMLDB() throws {
        #expect(try top([.double(1.5), .double(-2)], .int32(2), type: .double) == .string("1.500000,-2.000000"))
        #expect(try top([.string("b"), .string("a")], .int32(5), type: .string) == .string("b,a"))
        #expect(try top([.date(18_383), .date(0)], .int32(1), type: .date) == .string("2020-05-01"))
        #expect(try top([.timestamp(1_590_738_990_000)], .int32(1), type: .timestamp) == .string("2020-05-29 07:56:30"))
    }

    @Test func topnFrequencyRanksByCountThenValue() throws {
        let values: [Value] = [.int32(3), .int32(1), .int32(3), .int32(2), .int32(1), .int32(5), .null]
        func run(_ n: Int32) throws -> Value {
            try T.run("topn_frequency", values.map { [$0, .int32(n)] }, types: [.int32, .int32])
        }
        #expect(try run(2) == .string("1,3"))
        #expect(try run(4) == .string("1,3,2,5"))
        #expect(try run(6) == .string("1,3,2,5,NULL,NULL"))
        #expect(try run(0) == .string(""))
        let capped = try #require(try run(-1).stringValue)
        #expect(capped.split(separator: ",").count == 1024)
        #expect(try T.run("topn_frequency", [], types: [.string, .int32]) == .string(""))
        let onlyNull = try T.run("topn_frequency", [[.null, .int32(2)]], types: [.string, .int32])
        #expect(onlyNull == .string("NULL,NULL"))
    }

    @Test func top1RatioIsTheModeShare() throws {
        let rows = T.column([.string("a"), .string("b"), .string("a"), .null, .string("c")])
        #expect(try T.run("top1_ratio", rows, types: [.string]) == .double(0.5))
        #expect(try T.run("top1_ratio", T.column([.null]), types: [.int64]) == .double(0))
        #expect(try T.run("top1_ratio", [], types: [.int64]) == .double(0))
    }

    @Test func slidingMatchesScratch() throws {
        let integers = T.randomIntegers(80, seed: 21)
        for k in [Int32(0), 1, 3, 20] {
            try T.expectSlidingMatchesScratch("top", integers.map { [$0, .int32(k)] }, types: [.int32, .int32])
            try T.expectSlidingMatchesScratch(
                "topn_frequency", integers.map { [$0, .int32(k)] }, types: [.int32, .int32])
        }
        try T.expectSlidingMatchesScratch("top1_ratio", T.column(integers), types: [.int32])
        let strings = T.randomCategories(60, seed: 22)
        try T.expectSlidingMatchesScratch("top1_ratio", T.column(strings), types: [.string])
        try T.expectSlidingMatchesScratch("topn_frequency", strings.map { [$0, .int32(3)] }, types: [.string, .int32])
    }
}
