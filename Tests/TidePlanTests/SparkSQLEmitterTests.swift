import Foundation
import Testing
import TideCore
import TidePlan
import TideTestSupport

/// The Spark SQL emitter's shape and refusals, without Spark (the Spark parity tests in
/// TideSparkTests check the results against a real one).
@Suite struct SparkSQLEmitterTests {
    static let tables = [
        "CREATE TABLE t (id int, g string, v double, s string, ts timestamp, INDEX(KEY=g, TS=ts))",
        "CREATE TABLE u (id int, g string, v double, s string, ts timestamp, INDEX(KEY=g, TS=ts))",
    ]

    func emit(_ sql: String) throws -> String {
        let catalog = try PlanTesting.catalog(Self.tables)
        let plan = try PlanTesting.bind(sql, catalog: catalog).plan
        return try SparkSQLEmitter(view: { "view_\($0.name)" }).emit(plan)
    }

    @Test func categoryAggregatesBecomeOneConditionalWindowAggregatePerKnownCategory() throws {
        let catalog = try PlanTesting.catalog(Self.tables)
        let plan = try PlanTesting.bind(
            "SELECT avg_cate_where(v, id > 1, s) OVER w AS a FROM t WINDOW w AS "
                + "(PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)",
            catalog: catalog
        ).plan
        let domains = SparkCategoryDomains()
        let emitter = SparkSQLEmitter(view: { "view_\($0.name)" }, categoryDomains: domains)
        // First pass: the categories are asked for, and the frame's rows are folded meanwhile.
        let unknown = try emitter.emit(plan)
        #expect(unknown.contains("collect_list("))
        #expect(domains.pending.count == 1)
        let query = try #require(domains.pending.first)
        #expect(query.hasPrefix("SELECT DISTINCT k FROM (SELECT c3 AS k FROM "))
        #expect(query.contains("FROM view_t"))
        #expect(query.hasSuffix("WHERE k IS NOT NULL LIMIT \(SparkCategoryDomains.limit + 1)"))
        // Second pass: one sum and one count per category over each frame part.
        domains.record(query: query, values: [.string("x"), .string("it's")])
        #expect(domains.pending.isEmpty)
        let known = try emitter.emit(plan)
        #expect(!known.contains("collect_list("))
        #expect(known.contains("named_struct('k', 'x', 'n', "))
        #expect(known.contains("named_struct('k', 'it\\'s', 'n', "))
        #expect(known.contains("IF(((c0 > CAST(1 AS INT))) <=> TRUE AND c3 <=> 'x', c2, NULL)"))
        #expect(known.contains("array_sort(filter(array("))
        // Too many categories: the rows are folded as before.
        domains.record(query: query, values: (0...SparkCategoryDomains.limit).map { .string("c\($0)") })
        #expect(try emitter.emit(plan).contains("collect_list("))
    }

    func refusal(_ sql: String) throws -> TideError? {
        do {
            _ = try emit(sql)
            return nil
        } catch let error as TideError {
            return error
        }
    }

    @Test func rowsAreReturnedInTideBatchOrderWithTheirSeq() throws {
        let sql = try emit("SELECT id, v FROM t WHERE v > 1")
        #expect(sql.hasPrefix("SELECT c0, c1 FROM "))
        #expect(sql.hasSuffix(" ORDER BY __seq"))
        #expect(sql.contains("__tide_seq AS __seq FROM view_t"))
        #expect(sql.contains("WHERE (c2 > CAST(1 AS INT))"))
    }

    @Test func eachWindowExpressionIsComputedOnceInItsLevel() throws {
        let sql = try emit(
            "SELECT avg(v) OVER w AS a, count(v) OVER w AS n FROM t WINDOW w AS "
                + "(PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)"
        )
        let older = "OVER (PARTITION BY c1 ORDER BY __o0 RANGE BETWEEN 10000 PRECEDING AND 1 PRECEDING)"
        // avg is a sum over a count, and the count also serves count(v): two columns, each once.
        #expect(sql.components(separatedBy: older).count - 1 == 2)
        #expect(sql.contains("sum(CAST(c2 AS DOUBLE)) \(older) AS __w0_0"))
        #expect(sql.contains("count(c2) \(older) AS __w0_"))
    }

    @Test func rowsRangeEndingAtTheCurrentRowIsOlderRowsPlusPeersSoFar() throws {
        let sql = try emit(
            "SELECT count(v) OVER w AS c FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)"
        )
        #expect(sql.contains("RANGE BETWEEN 10000 PRECEDING AND 1 PRECEDING"))
        #expect(
            sql.contains("PARTITION BY c1, __o0 ORDER BY __src, __seq ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING")
        )
        #expect(sql.contains("ROWS BETWEEN CURRENT ROW AND CURRENT ROW"))
        // Spark's RANGE frame alone would take later rows at the same timestamp.
        #expect(!sql.contains("RANGE BETWEEN 10000 PRECEDING AND CURRENT ROW"))
    }

    @Test func excludeCurrentRowAndTimeDropTheirParts() throws {
        let row = try emit(
            "SELECT count(v) OVER w AS c FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW)"
        )
        #expect(row.contains("UNBOUNDED PRECEDING AND 1 PRECEDING"))
        #expect(!row.contains("(PARTITION BY c1, __o0 ORDER BY __src, __seq ROWS BETWEEN CURRENT ROW AND CURRENT ROW)"))
        let time = try emit(
            "SELECT count(v) OVER w AS c FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME)"
        )
        #expect(!time.contains("ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING)) +"))
        #expect(time.contains("ROWS BETWEEN CURRENT ROW AND CURRENT ROW"))
    }

    @Test func rowsFramesOrderTiesBySourceAndSeq() throws {
        let sql = try emit(
            "SELECT sum(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW)"
        )
        #expect(sql.contains("ORDER BY __o0, __src, __seq ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING"))
    }

    @Test func windowUnionPutsTheSourcesTogetherAndKeepsTheMainRows() throws {
        let sql = try emit(
            "SELECT count(v) OVER w AS c FROM t WINDOW w AS (UNION u PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)"
        )
        #expect(sql.contains("UNION ALL"))
        #expect(sql.contains("-1 AS __src, FALSE AS __main"))
        #expect(sql.contains("WHERE __main"))
    }

    @Test func lastJoinKeepsTheBestMatchPerLeftRow() throws {
        let sql = try emit("SELECT t.id, u.v FROM t LAST JOIN u ORDER BY u.ts ON t.g = u.g AND u.ts <= t.ts")
        #expect(sql.contains("LEFT JOIN"))
        #expect(sql.contains("<=>"))  // keys match NULL to NULL, as an index lookup does
        #expect(sql.contains("ORDER BY r.c4 DESC NULLS LAST, r.__seq DESC"))
        #expect(sql.contains("WHERE __rank = 1"))
    }

    @Test func likePatternsAreRewrittenToSparksEscape() throws {
        let sql = try emit("SELECT like_match(s, 'a#%b%', '#') AS m FROM t")
        #expect(sql.contains("LIKE 'a\\\\%b%'"))
        let ilike = try emit("SELECT ilike_match(s, 'AB%') AS m FROM t")
        #expect(ilike.contains("translate(c3, 'ABCDEFGHIJKLMNOPQRSTUVWXYZ', 'abcdefghijklmnopqrstuvwxyz') LIKE 'ab%'"))
        // '_' is one byte in TideDB and one character in Spark: non-ASCII values raise an error.
        let single = try emit("SELECT like_match(s, 'a_') AS m FROM t")
        #expect(single.contains("raise_error"))
    }

    @Test func whatCannotBeLoweredIsRefusedWithItsName() throws {
        let cases: [(String, String)] = [
            (
                "SELECT median(v) OVER w AS a FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
                "median"
            ),
            (
                "SELECT sum(v) OVER w AS a FROM t WINDOW w AS (PARTITION BY g ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME)",
                "EXCLUDE CURRENT_TIME on a ROWS frame"
            ),
            ("SELECT id FROM t UNION ALL SELECT id FROM u", "UNION"),
            ("SELECT hash64(id) AS h FROM t", "hash64"),
            ("SELECT CAST(v AS string) AS x FROM t", "CAST from double to string"),
            ("SELECT like_match(s, s) AS m FROM t", "not a constant"),
        ]
        for (sql, name) in cases {
            let error = try refusal(sql)
            #expect(error?.code == .featureNotSupported, "\(sql)")
            #expect(error?.message.contains(name) == true, "\(sql): \(error?.message ?? "no error")")
            #expect(error?.hint?.contains("offline_engine = 'local'") == true)
        }
    }

    @Test func peerPartsAreComputedBelowAndEachWindowInALevelOfItsOwn() throws {
        let sql = try emit(
            "SELECT avg_cate(v, s) OVER w1 AS a, distinct_count(s) OVER w2 AS d FROM t WINDOW "
                + "w1 AS (PARTITION BY g ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW), "
                + "w2 AS (PARTITION BY s ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW)")
        // The peers' collected rows are columns of the innermost level ...
        #expect(sql.contains("AS __p0"))
        // ... and each RANGE window is reduced to its value in a level of its own.
        let w1 = try #require(sql.range(of: "RANGE BETWEEN 10000 PRECEDING AND 1 PRECEDING"))
        let w2 = try #require(sql.range(of: "RANGE BETWEEN 86400000 PRECEDING AND 1 PRECEDING"))
        let between = sql[min(w1.upperBound, w2.upperBound)..<max(w1.lowerBound, w2.lowerBound)]
        #expect(between.contains("FROM (SELECT *"))
    }

    @Test func stringConstantsEscapeBackslashesAndQuotes() throws {
        let sql = try emit("SELECT id FROM t WHERE s = 'it''s a \\\\ path'")
        #expect(sql.contains("'it\\'s a \\\\ path'"))
    }
}
