import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct WindowTests {
    private func window(_ spec: String) throws -> WindowSpec {
        let q = try parseQuery("SELECT sum(c) OVER w FROM t WINDOW w AS \(spec)")
        guard case .select(let core) = q.query.body, let first = core.windows.first else {
            throw SQLAssertionFailure(description: "no window in \(spec)")
        }
        return first.spec
    }

    @Test func framesAndBounds() throws {
        let rows = try window("(PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING)")
        #expect(
            rows.frame
                == WindowFrame(
                    unit: .rows, start: .preceding(FrameOffset(3), open: false),
                    end: .preceding(FrameOffset(1), open: false)))
        let range = try window("(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 10s OPEN PRECEDING AND CURRENT ROW)")
        #expect(range.frame?.unit == .rowsRange)
        #expect(range.frame?.start == .preceding(FrameOffset(10, unit: .second), open: true))
        #expect(range.frame?.end == .currentRow)
        let unbounded = try window(
            "(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND 0 OPEN PRECEDING)")
        #expect(unbounded.frame?.start == .unboundedPreceding)
        #expect(unbounded.frame?.end == .preceding(FrameOffset(0), open: true))
        let single = try window("(PARTITION BY k ORDER BY ts ROWS 5 PRECEDING)")
        #expect(
            single.frame == WindowFrame(unit: .rows, start: .preceding(FrameOffset(5), open: false), end: .currentRow))
    }

    @Test func intervalOffsetsInMilliseconds() throws {
        #expect(FrameOffset(3, unit: .day).magnitude == 259_200_000)
        #expect(FrameOffset(2, unit: .hour).magnitude == 7_200_000)
        #expect(FrameOffset(5, unit: .minute).magnitude == 300_000)
        #expect(FrameOffset(1000).magnitude == 1000)
    }

    @Test func attributesInAnyOrderPrintInCanonicalOrder() throws {
        let spec = try window(
            "(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW MAXSIZE 5 EXCLUDE CURRENT_TIME INSTANCE_NOT_IN_WINDOW EXCLUDE CURRENT_ROW)"
        )
        #expect(spec.maxSize == 5)
        #expect(spec.excludeCurrentTime && spec.excludeCurrentRow && spec.instanceNotInWindow)
        #expect(
            try canonical(
                "SELECT sum(c) OVER w FROM t WINDOW w AS (ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW MAXSIZE 5 EXCLUDE CURRENT_TIME EXCLUDE CURRENT_ROW)"
            )
                == "SELECT sum(c) OVER w FROM t WINDOW w AS (ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW EXCLUDE CURRENT_TIME MAXSIZE 5)"
        )
    }

    @Test func unionSources() throws {
        let spec = try window(
            "(UNION t2, db.t3, (SELECT c1 AS k, 0.0 AS v, ts FROM t4) PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW)"
        )
        #expect(spec.unions.count == 3)
        #expect(spec.unions[1] == .table(QualifiedName([Identifier("db"), Identifier("t3")]), alias: nil))
        guard case .subquery = spec.unions[2] else { throw SQLAssertionFailure(description: "not a subquery") }
    }

    @Test(arguments: [
        "SELECT sum(c) OVER w1 AS s1, max(c) OVER w2 AS m2 FROM t WINDOW w1 AS (PARTITION BY a ORDER BY ts ROWS BETWEEN 10 OPEN PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME), w2 AS (PARTITION BY a, b ORDER BY ts ROWS_RANGE BETWEEN 1d OPEN PRECEDING AND CURRENT ROW MAXSIZE 20 EXCLUDE CURRENT_TIME)",
        "SELECT sum(c) OVER (PARTITION BY t.a ORDER BY t.ts ROWS_RANGE BETWEEN 2d PRECEDING AND CURRENT ROW) FROM t",
        "SELECT count(c) OVER (PARTITION BY a ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW) FROM t",
        "SELECT sum(c) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts ROWS BETWEEN 2 PRECEDING AND -1 PRECEDING)",
        "SELECT sum(c) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts ROWS_RANGE BETWEEN 2 FOLLOWING AND UNBOUNDED FOLLOWING)",
        "SELECT sum(c) OVER w FROM t WINDOW w AS (PARTITION BY a ORDER BY ts RANGE BETWEEN 2 PRECEDING AND CURRENT ROW)",
        "SELECT sum(c) OVER w FROM t WINDOW w AS (UNION t2 PARTITION BY a ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND 0s OPEN PRECEDING INSTANCE_NOT_IN_WINDOW)",
    ])
    func windowQueriesRoundTrip(_ sql: String) throws {
        try parseVerified(sql)
    }

    @Test func windowErrors() throws {
        try expectParseError(
            "SELECT 1 FROM t WINDOW 1️⃣as w1(PARTITION BY a ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
            contains: "expected window name")
        try expectParseError(
            "SELECT 1 FROM t WINDOW w AS (ORDER BY ts ROWS BETWEEN 1️⃣CURRENT AND CURRENT ROW)", contains: "ROW")
        try expectParseError(
            "SELECT 1 FROM t WINDOW w AS (ORDER BY ts ROWS BETWEEN 3 1️⃣AND CURRENT ROW)",
            contains: "PRECEDING or FOLLOWING")
        try expectParseError(
            "SELECT 1 FROM t WINDOW w AS (ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW MAXSIZE 2 1️⃣MAXSIZE 3)",
            contains: "more than once")
        try expectParseError(
            "SELECT 1 FROM t WINDOW w AS (ORDER BY ts ROWS BETWEEN 1️⃣x PRECEDING AND CURRENT ROW)",
            contains: "frame bound")
        try expectParseError("SELECT sum(c) OVER 1️⃣5 FROM t", contains: "window name")
    }
}
