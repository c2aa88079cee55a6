import Testing
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideTestSupport

/// A plan compiled once for requests (`RequestEngine.compile`) answers as the plan run
/// uncompiled, request after request, and keeps what cannot be compiled for the request that
/// reaches it.
@Suite struct CompiledRequestPlanTests {
    static let request: [Value] = [.int32(1), .string("a"), .int32(1), .int32(1), .timestamp(5_000)]

    @Test("an evaluator that cannot be compiled throws at the request, with the uncompiled plan's error")
    func compileErrorWaitsForTheRequest() throws {
        let catalog = try PlanTesting.catalog(ConsistencyTests.ddl)
        let bound = try PlanTesting.bind(
            "SELECT id, v + $1 AS x, count(v) OVER w AS c FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
            catalog: catalog)
        let reader = InMemoryIndexReader(tables: [:])
        // No value for $1: compiling succeeds, the request fails as an uncompiled run fails.
        let engine = RequestEngine(indexes: reader, context: FunctionContext())
        let compiled = engine.compile(bound.plan)
        let expected = try #require(throws: TideError.self) { try engine.execute(bound.plan, request: Self.request) }
        for _ in 0..<2 {
            let error = try #require(throws: TideError.self) { try engine.execute(compiled, request: Self.request) }
            #expect(error.code == expected.code)
            #expect(error.message == expected.message)
        }
        // With the value, the same plan compiles and answers.
        let valued = RequestEngine(indexes: reader, context: FunctionContext(), parameters: [.int32(41)])
        let row = try #require(try valued.execute(valued.compile(bound.plan), request: Self.request))
        #expect(row[1].int64Value == 42)
        #expect(row[2].int64Value == 1)
    }

    @Test("a compiled window and LAST JOIN answer each request over the rows stored so far")
    func reusedAcrossRequests() throws {
        let catalog = try PlanTesting.catalog(ConsistencyTests.ddl)
        let bound = try PlanTesting.bind(
            """
            SELECT t.id, sum(t.v) OVER w AS s, p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k
            WINDOW w AS (PARTITION BY t.k ORDER BY t.ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW)
            """, catalog: catalog)
        var reader = InMemoryIndexReader(tables: ["p": [[.string("a"), .int32(7), .timestamp(0)]]])
        let compiled = RequestEngine(indexes: reader, context: FunctionContext()).compile(bound.plan)
        var sum: Int64 = 0
        var stored: [(ts: Int64, v: Int64)] = []
        for i in 0..<12 {
            let ts = Int64(1_000 * i)
            let row: [Value] = [.int32(Int32(i)), .string("a"), .int32(1), .int32(Int32(i)), .timestamp(ts)]
            let engine = RequestEngine(indexes: reader, context: FunctionContext())
            let answer = try #require(try engine.execute(compiled, request: row))
            sum = Int64(i) + stored.filter { $0.ts >= ts - 3_000 }.reduce(0) { $0 + $1.v }
            #expect(answer == (try engine.execute(bound.plan, request: row)))
            #expect(answer[1].int64Value == sum, "request \(i)")
            #expect(answer[2] == .int32(7))
            reader.insert(row, into: "t")
            stored.append((ts, Int64(i)))
        }
    }
}
