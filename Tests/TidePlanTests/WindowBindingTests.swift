import Foundation
import Testing
import TideCore
import TidePlan
import TideTestSupport

@Suite struct WindowBindingTests {
    let catalog: InMemoryCatalog

    init() throws {
        catalog = try PlanTesting.catalog([
            "CREATE TABLE t1 (id int, k string, k2 int, v double, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE t2 (id int, k string, k2 int, v double, ts timestamp, INDEX(KEY=k, TS=ts, TTL=100, TTL_TYPE=latest))",
            "CREATE TABLE t3 (id int, k string, v double)",
            "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ])
    }

    private func windowError(_ spec: String, function: String = "sum(v)") throws -> TideError {
        try PlanTesting.bindError("SELECT \(function) OVER w FROM t1 WINDOW w AS (\(spec))", catalog: catalog)
    }

    @Test(arguments: [
        ("PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW MAXSIZE 20", "MAXSIZE"),
        ("PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 2 FOLLOWING AND 3 FOLLOWING", "FOLLOWING"),
        ("PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND 3 PRECEDING", "starts after"),
        ("PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW MAXSIZE 0", "at least 1"),
        ("PARTITION BY k ORDER BY ts ROWS BETWEEN 3s PRECEDING AND CURRENT ROW", "counts rows"),
        ("PARTITION BY k ORDER BY v ROWS BETWEEN 3 PRECEDING AND CURRENT ROW", "integer or timestamp"),
        ("PARTITION BY k ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW", "without ORDER BY"),
        ("PARTITION BY k ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME", "CURRENT_TIME"),
        ("PARTITION BY k ORDER BY ts, id ROWS BETWEEN 3 PRECEDING AND CURRENT ROW", "one column"),
    ])
    func invalidWindowsAre42P20(_ spec: String, _ fragment: String) throws {
        let error = try windowError(spec)
        #expect(error.code == .windowingError)
        #expect(error.message.contains(fragment), "\(error.message)")
        #expect(error.position != nil)
    }

    @Test func rangeFramesAreUnsupported() throws {
        let error = try windowError("PARTITION BY k ORDER BY ts RANGE BETWEEN 3 PRECEDING AND CURRENT ROW")
        #expect(error.code == .featureNotSupported)
        #expect(error.hint?.contains("ROWS_RANGE") == true)
    }

    @Test func windowNamingErrors() throws {
        let undefined = try PlanTesting.bindError(
            "SELECT sum(v) OVER w2 FROM t1 WINDOW w1 AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING)", catalog: catalog
        )
        #expect(undefined.code == .windowingError)
        let duplicate = try PlanTesting.bindError(
            "SELECT sum(v) OVER w1 FROM t1 WINDOW w1 AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING), "
                + "w1 AS (PARTITION BY k ORDER BY ts ROWS 4 PRECEDING)", catalog: catalog)
        #expect(duplicate.code == .windowingError)
        let twoWindows = try PlanTesting.bindError(
            "SELECT sum(v) OVER w1 + sum(v) OVER w2 FROM t1 WINDOW w1 AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING), "
                + "w2 AS (PARTITION BY k ORDER BY ts ROWS 4 PRECEDING)", catalog: catalog)
        #expect(twoWindows.code == .windowingError)
        let withGroup = try PlanTesting.bindError(
            "SELECT k, sum(v) OVER w FROM t1 GROUP BY k WINDOW w AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING)",
            catalog: catalog)
        #expect(withGroup.code == .windowingError)
        // OpenMLDB semantics: OVER on a scalar call applies to the aggregates inside it.
        let pushed = try PlanTesting.bind(
            "SELECT abs(sum(v)) OVER w AS s FROM t1 WINDOW w AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING)",
            catalog: catalog)
        #expect(pushed.columns.map(\.type) == [.double])
        let unpartitioned = try windowError("ORDER BY ts ROWS 3 PRECEDING")
        #expect(unpartitioned.message.contains("PARTITION BY"))
    }

    @Test func unionSourcesMustMatchTheMainSchema() throws {
        let ok = try PlanTesting.bind(
            "SELECT sum(v) OVER w FROM t1 WINDOW w AS (UNION t2 PARTITION BY k ORDER BY ts ROWS_RANGE 10s PRECEDING)",
            catalog: catalog)
        #expect(ok.columns.count == 1)
        let error = try windowError("UNION t3 PARTITION BY k ORDER BY ts ROWS_RANGE 10s PRECEDING")
        #expect(error.code == .windowingError)
        #expect(error.hint?.contains("id int32") == true)
    }

    @Test func windowsShareFramesAndDeriveTTLs() throws {
        let text = try PlanTesting.explain(
            "SELECT sum(v) OVER w1, count(v) OVER w1, max(v) OVER w2, min(v) OVER (PARTITION BY k2 ORDER BY ts ROWS 5 PRECEDING) "
                + "FROM t1 WINDOW w1 AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 90s PRECEDING AND CURRENT ROW), "
                + "w2 AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1000 PRECEDING AND CURRENT ROW)",
            catalog: catalog)
        #expect(text.components(separatedBy: "window ").count - 1 == 3)
        #expect(
            text.contains(
                "window w1: PARTITION BY k#1 ORDER BY ts#4 ROWS_RANGE [-90000, 0] index=db.t1.INDEX_0(key=[k], ts=ts, ttl=absolute 2min)"
            ))
        #expect(
            text.contains(
                "window w2: PARTITION BY k#1 ORDER BY ts#4 ROWS [-1000, 0] index=db.t1.INDEX_0(key=[k], ts=ts, ttl=latest 1000)"
            ))
        #expect(
            text.contains(
                "window #1: PARTITION BY k2#2 ORDER BY ts#4 ROWS [-5, 0] index=db.t1.<missing>(key=[k2], ts=ts, ttl=latest 5)"
            ))
    }

    @Test func requestModeValidation() throws {
        let good = try PlanTesting.bind(
            "SELECT id, sum(v) OVER w, p.level FROM t1 LAST JOIN p ORDER BY p.ts ON t1.k = p.k "
                + "WINDOW w AS (PARTITION BY t1.k ORDER BY t1.ts ROWS 3 PRECEDING)", catalog: catalog)
        #expect(try RequestModeValidator.validate(good.plan).name == "t1")
        // WHERE and LIMIT filter the request row (zero or one output row).
        for sql in ["SELECT id FROM t1 WHERE v > 1", "SELECT id FROM t1 LIMIT 1"] {
            #expect(try RequestModeValidator.validate(PlanTesting.bind(sql, catalog: catalog).plan).name == "t1")
        }
        for (sql, fragment) in [
            ("SELECT k, count(v) FROM t1 GROUP BY k", "GROUP BY"),
            ("SELECT id FROM t1 ORDER BY id", "ORDER BY"),
            ("SELECT sum(v) OVER w FROM t1 WINDOW w AS (PARTITION BY k2 ORDER BY ts ROWS 3 PRECEDING)", "no index"),
            ("SELECT t1.id FROM t1 LAST JOIN t3 ON t1.k = t3.k", "no index"),
            ("SELECT t1.id FROM t1 LEFT JOIN p ON t1.k = p.k", "LEFT JOIN"),
        ] {
            let plan = try PlanTesting.bind(sql, catalog: catalog).plan
            let error = #expect(throws: TideError.self) { try RequestModeValidator.validate(plan) }
            #expect(error?.code == .featureNotSupported)
            #expect(error?.message.contains(fragment) == true, "\(sql): \(error?.message ?? "")")
        }
    }

    @Test func groupByBindsKeysAndAggregates() throws {
        let bound = try PlanTesting.bind(
            "SELECT k, count(*) AS n, sum(v) FROM t1 GROUP BY k HAVING count(*) > 1 ORDER BY n DESC", catalog: catalog)
        #expect(bound.columns.map(\.name) == ["k", "n", "sum(v)"])
        #expect(bound.columns.map(\.type) == [.string, .int64, .double])
        let error = try PlanTesting.bindError("SELECT id, count(*) FROM t1 GROUP BY k", catalog: catalog)
        #expect(error.code.rawValue == "42803")
        let whereAggregate = try PlanTesting.bindError("SELECT id FROM t1 WHERE sum(v) > 1", catalog: catalog)
        #expect(whereAggregate.code.rawValue == "42803")
    }
}

@Suite struct IndexRequirementTests {
    @Test func ttlMerging() {
        let abs10 = TTL(kind: .absolute, absoluteMs: 600_000)
        let abs60 = TTL(kind: .absolute, absoluteMs: 3_600_000)
        let lat3 = TTL(kind: .latest, latestCount: 3)
        #expect(IndexRequirements.merge(abs10, abs60) == abs60)
        #expect(IndexRequirements.merge(abs10, TTL(kind: .absolute)) == TTL(kind: .absolute, absoluteMs: 0))
        #expect(
            IndexRequirements.merge(lat3, TTL(kind: .latest, latestCount: 100)) == TTL(kind: .latest, latestCount: 100))
        #expect(IndexRequirements.merge(abs10, lat3) == TTL(kind: .absAndLat, absoluteMs: 600_000, latestCount: 3))
    }

    @Test func requirementsOfAFeatureQuery() throws {
        let catalog = try PlanTesting.catalog([
            "CREATE TABLE t (id int, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE u (id int, k string, v double, ts timestamp)",
            "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ])
        let windows = try PlanTesting.bind(
            "SELECT sum(v) OVER w FROM t "
                + "WINDOW w AS (UNION u PARTITION BY t.k ORDER BY t.ts ROWS_RANGE BETWEEN 1h PRECEDING AND CURRENT ROW)",
            catalog: catalog)
        let needs = IndexRequirements.collect(windows.plan)
        #expect(needs.map(\.table) == ["t", "u"])
        #expect(needs.map(\.indexName) == ["INDEX_0", nil])
        #expect(needs[0].requiredTTL == TTL(kind: .absolute, absoluteMs: 3_600_000))
        let join = try PlanTesting.bind(
            "SELECT p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k", catalog: catalog)
        #expect(IndexRequirements.collect(join.plan).map(\.requiredTTL) == [TTL(kind: .latest, latestCount: 1)])
    }
}
