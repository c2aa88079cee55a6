import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("count_where, sum_where, avg_where, min_where, max_where")
struct AggregateWhereTests {
    typealias T = AggregateTesting

    /// value, condition
    private let rows: [[Value]] = [
        [.int32(1), .bool(true)], [.int32(4), .bool(false)], [.int32(3), .bool(true)], [.null, .bool(true)],
        [.int32(7), .null],
    ]

    @Test func conditionalAggregatesUseOnlyTrueRows() throws {
        #expect(try T.run("count_where", rows, types: [.int32, .bool]) == .int64(2))
        #expect(try T.run("sum_where", rows, types: [.int32, .bool]) == .int32(4))
        #expect(try T.run("avg_where", rows, types: [.int32, .bool]) == .double(2))
        #expect(try T.run("min_where", rows, types: [.int32, .bool]) == .int32(1))
        #expect(try T.run("max_where", rows, types: [.int32, .bool]) == .int32(3))
    }

    @Test func countWhereStarCountsRows() throws {
        let conditions: [[Value]] = [[.bool(true)], [.bool(true)], [.null], [.bool(false)]]
        #expect(try T.run("count_where", conditions, types: [.bool]) == .int64(2))
        let strings: [[Value]] = [[.string("x"), .bool(true)], [.null, .bool(true)]]
        #expect(try T.run("count_where", strings, types: [.string, .bool]) == .int64(1))
    }

    @Test func nothingMatchingGivesNullOrZero() throws {
        let none: [[Value]] = [[.double(1), .bool(false)], [.double(2), .null]]
        #expect(try T.run("count_where", none, types: [.double, .bool]) == .int64(0))
        #expect(try T.run("sum_where", none, types: [.double, .bool]) == .null)
        #expect(try T.run("avg_where", none, types: [.double, .bool]) == .null)
        #expect(try T.run("min_where", none, types: [.double, .bool]) == .null)
        #expect(try T.run("max_where", [], types: [.double, .bool]) == .null)
    }

    @Test func typesFollowTheValue() throws {
        let shorts: [[Value]] = [[.int16(2), .bool(true)], [.int16(5), .bool(true)]]
        #expect(try T.run("sum_where", shorts, types: [.int16, .bool]) == .int16(7))
        #expect(try T.run("max_where", shorts, types: [.int16, .bool]) == .int16(5))
        let floats: [[Value]] = [[.float(1.5), .bool(true)], [.float(2), .bool(true)]]
        #expect(try T.run("sum_where", floats, types: [.float, .bool]) == .float(3.5))
        #expect(try T.run("avg_where", floats, types: [.float, .bool]) == .double(1.75))
    }

    @Test func slidingMatchesScratch() throws {
        let values = T.randomIntegers(70, seed: 31, type: .int64)
        let conditions = T.randomConditions(70, seed: 32)
        let pairs = zip(values, conditions).map { [$0, $1] }
        for name in ["count_where", "sum_where", "avg_where", "min_where", "max_where"] {
            try T.expectSlidingMatchesScratch(name, pairs, types: [.int64, .bool])
        }
        try T.expectSlidingMatchesScratch("count_where", T.column(conditions), types: [.bool])
        let doubles = zip(T.randomDoubles(70, seed: 33), conditions).map { [$0, $1] }
        for name in ["sum_where", "avg_where", "min_where", "max_where"] {
            try T.expectSlidingMatchesScratch(name, doubles, types: [.double, .bool])
        }
    }
}
