import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@Suite("ew_avg, drawdown")
struct AggregateOrderedTests {
    typealias T = AggregateTesting

    private func ewAvg(_ values: [Value], alpha: Value) throws -> Value {
        try T.run("ew_avg", values.map { [$0, alpha] }, types: [.double, .double])
    }

    @Test func ewAvgWeightsTheNewestRowMost() throws {
        // pandas: Series([1, 2, 3]).ewm(alpha=0.5, adjust=True).mean().iloc[-1] == 2.4285714...
        let value = try #require(try ewAvg([.double(1), .double(2), .double(3)], alpha: .double(0.5)).doubleValue)
        #expect(abs(value - 17.0 / 7.0) < 1e-12)
        // NULLs neither count nor age the other values (ignore_na=True).
        let skipped = try ewAvg([.double(1), .null, .double(2), .double(3)], alpha: .double(0.5))
        #expect(skipped == .double(value))
        #expect(try ewAvg([.double(1), .double(9)], alpha: .double(1)) == .double(9))
    }

    @Test func ewAvgFallsBackToTheMean() throws {
        #expect(try ewAvg([.double(1), .double(2), .double(6)], alpha: .double(0)) == .double(3))
        #expect(try ewAvg([.double(1), .double(2), .double(6)], alpha: .null) == .double(3))
        #expect(try ewAvg([.null], alpha: .double(0.5)) == .null)
        #expect(try ewAvg([], alpha: .double(0.5)) == .null)
    }

    @Test func ewAvgAcceptsIntegersAndIsRebuiltNotRetracted() throws {
        let result = try T.run(
            "ew_avg", [[.int32(2), .double(0.5)], [.int32(4), .double(0.5)]], types: [.int32, .double])
        #expect(result == .double(10.0 / 3.0))
        let kernel = try FunctionLibrary.aggregateKernel(
            try FunctionResolver.resolve("ew_avg", argumentTypes: [.int64, .double]))
        #expect(!kernel.retractable)
    }

    @Test func drawdownFindsTheLargestRelativeFall() throws {
        let rows = T.column([1, 8, 5, 2, 10, 4].map { Value.int32(Int32($0)) })
        #expect(try T.run("drawdown", rows, types: [.int32]) == .double(0.75))
        let rising = T.column([.double(1), .double(2), .double(3)])
        #expect(try T.run("drawdown", rising, types: [.double]) == .double(0))
        let negatives = T.column([.double(4), .double(-10), .null, .double(3)])
        #expect(try T.run("drawdown", negatives, types: [.double]) == .double(0.25))
        #expect(try T.run("drawdown", T.column([.double(-1), .null]), types: [.double]) == .null)
        #expect(try T.run("drawdown", T.column([.int64(0), .int64(0)]), types: [.int64]) == .double(0))
    }

    @Test func drawdownDependsOnOrder() throws {
        let forward = T.column([.double(10), .double(5)])
        let backward = T.column([.double(5), .double(10)])
        #expect(try T.run("drawdown", forward, types: [.double]) == .double(0.5))
        #expect(try T.run("drawdown", backward, types: [.double]) == .double(0))
        let kernel = try FunctionLibrary.aggregateKernel(
            try FunctionResolver.resolve("drawdown", argumentTypes: [.double]))
        #expect(!kernel.retractable)
    }
}
