import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("median, percentile, quantile, stddev, variance, entropy")
struct AggregateStatisticsTests {
    typealias T = AggregateTesting

    @Test func medianAveragesTheMiddlePair() throws {
        let rows = T.column([.int32(1), .int32(2), .int32(3), .int32(4)])
        #expect(try T.run("median", rows, types: [.int32]) == .double(2.5))
        #expect(
            try T.run("median", T.column([.int64(30), .null, .int64(33), .int64(1)]), types: [.int64]) == .double(30))
        #expect(try T.run("median", T.column([.float(1.1)]), types: [.float]) == .double(Double(Float(1.1))))
        #expect(try T.run("median", [], types: [.double]) == .null)
        #expect(
            try T.run("median", T.column([.double(1), .double(.nan)]), types: [.double]).doubleValue?.isNaN == true)
    }

    @Test func percentileInterpolatesLinearly() throws {
        let rows = [1, 2, 3, 4, 10].map { [Value.int32(Int32($0)), .double(0)] }
        func at(_ p: Double) throws -> Value {
            try T.run("percentile", rows.map { [$0[0], .double(p)] }, types: [.int32, .double])
        }
        #expect(try at(0) == .double(1))
        #expect(try at(1) == .double(10))
        #expect(try at(0.5) == .double(3))
        #expect(try at(0.25) == .double(2))
        #expect(try at(0.9) == .double(7.600_000_000_000_000_5))  // numpy: 7.6000000000000005
        #expect(try T.run("quantile", [[.double(5), .double(0.3)]], types: [.double, .double]) == .double(5))
        #expect(try T.run("quantile", [[.null, .double(0.3)]], types: [.double, .double]) == .null)
    }

    @Test func percentileRejectsFractionsOutsideZeroToOne() throws {
        #expect(throws: TideError.self) {
            try T.run("percentile", [[.int32(1), .double(1.5)]], types: [.int32, .double])
        }
        #expect(throws: TideError.self) {
            try T.run("quantile", [[.int32(1), .double(-0.1)]], types: [.int32, .double])
        }
        #expect(try T.run("percentile", [[.int32(1), .null]], types: [.int32, .double]) == .null)
    }

    @Test func standardDeviationsAndVariances() throws {
        let rows = T.column([.int32(1), .int32(2), .int32(3), .int32(4), .null])
        let sample = try #require(try T.run("stddev", rows, types: [.int32]).doubleValue)
        #expect(abs(sample - 1.2909944487358056) < 1e-12)
        let population = try #require(try T.run("stddev_pop", rows, types: [.int32]).doubleValue)
        #expect(abs(population - 1.118033988749895) < 1e-12)
        let three = T.column([.double(0), .double(3), .double(6)])
        #expect(try T.run("var_samp", three, types: [.double]) == .double(9))
        #expect(try T.run("var_pop", three, types: [.double]) == .double(6))
        #expect(try T.run("variance", three, types: [.double]) == .double(9))
        #expect(try T.run("std", three, types: [.double]) == .double(3))
        #expect(try T.run("stddev_samp", three, types: [.double]) == .double(3))
    }

    @Test func sampleStatisticsNeedTwoValues() throws {
        let one = T.column([.int16(5), .null])
        #expect(try T.run("stddev", one, types: [.int16]) == .null)
        #expect(try T.run("var_samp", one, types: [.int16]) == .null)
        #expect(try T.run("stddev_pop", one, types: [.int16]) == .double(0))
        #expect(try T.run("var_pop", one, types: [.int16]) == .double(0))
        #expect(try T.run("var_pop", [], types: [.int16]) == .null)
    }

    @Test func varianceOfInfinityIsNaN() throws {
        let rows = T.column([.double(1), .double(.infinity)])
        #expect(try T.run("var_pop", rows, types: [.double]).doubleValue?.isNaN == true)
    }

    @Test func varianceStaysAccurateAfterLargeValuesLeave() throws {
        var values: [Value] = [.double(1e9), .double(-1e9), .double(3e8)]
        values += (0..<40).map { .double(Double($0 % 5)) }
        try T.expectSlidingMatchesScratch("var_pop", T.column(values), types: [.double], widths: [4, 10])
    }

    @Test func entropyIsInBits() throws {
        let rows = T.column([.int32(1), .int32(1), .int32(2), .int32(3), .null])
        #expect(try T.run("entropy", rows, types: [.int32]) == .double(1.5))
        #expect(try T.run("entropy", T.column([.string("x"), .string("x")]), types: [.string]) == .double(0))
        let five = T.column((0..<5).map { Value.timestamp(Int64($0)) })
        #expect(try T.run("entropy", five, types: [.timestamp]) == .double(2.321928094887362))
        #expect(try T.run("entropy", T.column([.bool(true), .bool(false)]), types: [.bool]) == .double(1))
        #expect(try T.run("entropy", T.column([.null]), types: [.int32]) == .null)
    }

    @Test func slidingMatchesScratch() throws {
        let integers = T.column(T.randomIntegers(70, seed: 11))
        let doubles = T.column(T.randomDoubles(70, seed: 12))
        for name in ["median", "stddev", "stddev_pop", "var_samp", "var_pop", "entropy"] {
            try T.expectSlidingMatchesScratch(name, integers, types: [.int32])
            try T.expectSlidingMatchesScratch(name, doubles, types: [.double])
        }
        for p in [0.0, 0.3, 0.5, 0.99, 1.0] {
            let rows = integers.map { $0 + [.double(p)] }
            try T.expectSlidingMatchesScratch("percentile", rows, types: [.int32, .double])
            try T.expectSlidingMatchesScratch("quantile", rows, types: [.int32, .double])
        }
        try T.expectSlidingMatchesScratch("entropy", T.column(T.randomCategories(60, seed: 13)), types: [.string])
    }
}
