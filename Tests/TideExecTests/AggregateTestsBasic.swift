import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("count, sum, avg, min, max, distinct_count")
struct AggregateBasicTests {
    typealias T = AggregateTesting

    @Test func countSkipsNullsAndCountStarCountsRows() throws {
        let rows = T.column([.int32(1), .null, .int32(3)])
        #expect(try T.run("count", rows, types: [.int32]) == .int64(2))
        #expect(try T.run("count", [[], [], []], types: []) == .int64(3))
        #expect(try T.run("count", [], types: [.string]) == .int64(0))
        #expect(try T.run("count", T.column([.string("a"), .null]), types: [.string]) == .int64(1))
        #expect(try T.run("count", T.column([.bool(false), .date(1)]), types: [.bool]) == .int64(2))
    }

    @Test func sumKeepsTheInputType() throws {
        #expect(try FunctionTesting.aggregate("sum", [[.int32(1)], [.int32(2)]]) == .int32(3))
        #expect(try T.run("sum", T.column([.int16(7), .null, .int16(-2)]), types: [.int16]) == .int16(5))
        #expect(try T.run("sum", T.column([.int64(1 << 40), .int64(1)]), types: [.int64]) == .int64((1 << 40) + 1))
        #expect(try T.run("sum", T.column([.float(4.4), .float(9)]), types: [.float]) == .float(13.4))
        #expect(try T.run("sum", T.column([.double(0.5), .double(0.25)]), types: [.double]) == .double(0.75))
        #expect(try T.run("sum", T.column([.timestamp(1000), .timestamp(5)]), types: [.timestamp]) == .timestamp(1005))
    }

    @Test func sumOfNothingIsNull() throws {
        #expect(try T.run("sum", [], types: [.int32]) == .null)
        #expect(try T.run("sum", T.column([.null, .null]), types: [.double]) == .null)
    }

    @Test func integerSumWrapsLikeOpenMLDB() throws {
        #expect(try T.run("sum", T.column([.int16(32_767), .int16(1)]), types: [.int16]) == .int16(-32_768))
        #expect(try T.run("sum", T.column([.int64(.max), .int64(1)]), types: [.int64]) == .int64(.min))
    }

    @Test func sumHandlesInfinityAndNaN() throws {
        let inf = try T.run("sum", T.column([.double(1), .double(.infinity)]), types: [.double])
        #expect(inf == .double(.infinity))
        let nan = try T.run("sum", T.column([.double(.infinity), .double(-.infinity)]), types: [.double])
        #expect(nan.doubleValue?.isNaN == true)
    }

    @Test func sumRetractsInfinityExactly() throws {
        let rows = T.column([.double(.infinity), .double(1), .double(2), .double(.nan), .double(3), .double(4)])
        try T.expectSlidingMatchesScratch("sum", rows, types: [.double], widths: [2, 3])
        let steps = try FunctionTesting.slidingVersusScratch("sum", rows, width: 2, types: [.double])
        #expect(steps[2].sliding == .double(3))
    }

    @Test func avgIsADoubleMean() throws {
        #expect(try T.run("avg", T.column([.int32(1), .int32(2), .null]), types: [.int32]) == .double(1.5))
        #expect(
            try T.run("avg", T.column([.int64(.max), .int64(.max)]), types: [.int64]) == .double(9.223372036854776e18))
        #expect(try T.run("avg", [], types: [.double]) == .null)
        #expect(try T.run("avg", T.column([.float(1.25), .float(2)]), types: [.float]) == .double(1.625))
    }

    @Test func minAndMaxKeepTheType() throws {
        #expect(try T.run("min", T.column([.int32(3), .null, .int32(-1)]), types: [.int32]) == .int32(-1))
        #expect(try T.run("max", T.column([.int16(3), .int16(9)]), types: [.int16]) == .int16(9))
        #expect(try T.run("max", T.column([.string("b"), .string("ab")]), types: [.string]) == .string("b"))
        #expect(try T.run("min", T.column([.date(10), .date(3)]), types: [.date]) == .date(3))
        #expect(try T.run("max", T.column([.timestamp(10), .timestamp(30)]), types: [.timestamp]) == .timestamp(30))
        #expect(try T.run("min", T.column([.null]), types: [.double]) == .null)
        #expect(try T.run("min", [], types: [.string]) == .null)
    }

    @Test func maxTreatsNaNAsLargest() throws {
        let rows = T.column([.double(1), .double(.nan), .double(-.infinity)])
        #expect(try T.run("max", rows, types: [.double]).doubleValue?.isNaN == true)
        #expect(try T.run("min", rows, types: [.double]) == .double(-.infinity))
    }

    @Test func distinctCountCountsNullAsTheZeroValue() throws {
        let rows = T.column([.int32(0), .int32(0), .int32(2), .null, .int32(2), .int32(4)])
        #expect(try T.run("distinct_count", rows, types: [.int32]) == .int64(3))
        #expect(try T.run("distinct_count", T.column([.int64(4), .int64(4), .null]), types: [.int64]) == .int64(2))
        #expect(try T.run("distinct_count", T.column([.null, .null]), types: [.string]) == .int64(1))
        let flags = T.column([.bool(false), .bool(true), .null])
        #expect(try T.run("distinct_count", flags, types: [.bool]) == .int64(2))
        #expect(try T.run("distinct_count", [], types: [.string]) == .int64(0))
        let nans = T.column([.double(.nan), .double(.nan), .double(0), .double(-0.0)])
        #expect(try T.run("distinct_count", nans, types: [.double]) == .int64(2))
    }

    @Test func slidingMatchesScratch() throws {
        for (seed, type) in [(1, DataType.int16), (2, .int32), (3, .int64), (4, .timestamp)] {
            let rows = T.column(T.randomIntegers(60, seed: UInt64(seed), type: type))
            for name in ["count", "sum", "min", "max", "distinct_count"] {
                try T.expectSlidingMatchesScratch(name, rows, types: [.scalar(type)])
            }
        }
        let doubles = T.column(T.randomDoubles(80, seed: 5))
        for name in ["count", "sum", "avg", "min", "max", "distinct_count"] {
            try T.expectSlidingMatchesScratch(name, doubles, types: [.double])
        }
        try T.expectSlidingMatchesScratch("count", [[], [], [], [], []], types: [])
        let strings = T.column(T.randomCategories(50, seed: 6))
        for name in ["min", "max", "count", "distinct_count"] {
            try T.expectSlidingMatchesScratch(name, strings, types: [.string])
        }
    }
}
