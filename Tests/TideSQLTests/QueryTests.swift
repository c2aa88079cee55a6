import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct QueryTests {
    private func select(_ sql: String) throws -> SelectCore {
        guard case .select(let core) = try parseQuery(sql).query.body else {
            throw SQLAssertionFailure(description: "not a plain SELECT: \(sql)")
        }
        return core
    }

    @Test(arguments: [
        "SELECT * FROM t1",
        "SELECT DISTINCT a, b FROM t1",
        "SELECT ALL a FROM t1",
        "SELECT t1.*, db.t2.* FROM t1",
        "SELECT a AS x, b y, c AS `z z` FROM db1.t1 AS r",
        "SELECT a FROM t1 WHERE a > 10 AND b = 20 OR a = 0",
        "SELECT a, sum(b) FROM t1 WHERE b > 10 GROUP BY a, c HAVING sum(b) > 0",
        "SELECT a FROM t1 ORDER BY a, b DESC, c ASC LIMIT 10",
        "SELECT a FROM t1 ORDER BY a + b DESC",
        "SELECT 1 AS id, 2 AS c1, 3.3 AS c2",
        "SELECT * FROM (SELECT * FROM t1 WHERE c1 > 0)",
        "SELECT * FROM (SELECT * FROM t1) AS s",
        "WITH a AS (SELECT 1 AS x), b AS (SELECT x FROM a) SELECT * FROM b",
        "SELECT * FROM t1 UNION ALL SELECT * FROM t2 UNION ALL SELECT * FROM t3",
        "SELECT * FROM t1 UNION DISTINCT SELECT * FROM t2",
        "(SELECT a FROM t1 LIMIT 1) UNION ALL (SELECT a FROM t2 LIMIT 2) ORDER BY a LIMIT 3",
        "(SELECT a FROM t1 UNION ALL SELECT a FROM t2) UNION DISTINCT SELECT a FROM t3",
        "SELECT a FROM t1 CONFIG (execute_mode = 'request', values = (1, 'a', 1590738990000L, NULL))",
        "SELECT a FROM t1 CONFIG (execute_mode = 'request', values = [(1, 'a'), (2, 'b')])",
        "SELECT a FROM t1 INTO OUTFILE '/tmp/out.csv' OPTIONS (format = 'csv', header = true, mode = 'overwrite')",
        "SELECT a FROM t1 INTO OUTFILE 'data.csv' OPTIONS (delimit = ',') CONFIG (job = 'spark')",
        "SELECT t1.a, t2.b FROM t1 LAST JOIN t2 ORDER BY t2.ts ON t1.k = t2.k",
        "SELECT * FROM t1 LAST JOIN t2 ON t1.k = t2.k AND t2.ts <= t1.ts",
        "SELECT * FROM t1 LAST JOIN t2 ORDER BY t2.c5 ON t1.c1 = t2.c1 AND t2.std_ts BETWEEN t1.std_ts - 30d AND t1.std_ts - 1d",
        "SELECT * FROM t1 LAST JOIN t2 ON t1.k = t2.k LAST JOIN db2.t3 AS x ORDER BY x.ts ON t1.k = x.k",
        "SELECT * FROM t1 LEFT JOIN t2 ON t1.a = t2.a RIGHT JOIN t3 ON t1.a = t3.a",
        "SELECT * FROM t1 FULL JOIN t2 ON t1.a = t2.a INNER JOIN t3 ON t1.a = t3.a CROSS JOIN t4",
        "SELECT * FROM (SELECT c1 AS id FROM t1) AS o0 LAST JOIN (SELECT c1 AS id FROM t2) AS o1 ON o0.id = o1.id",
        "SELECT * FROM t1 LAST JOIN (t2 LAST JOIN t3 ON t2.a = t3.a) ON t1.a = t2.a",
    ])
    func queriesRoundTrip(_ sql: String) throws {
        try parseVerified(sql)
    }

    @Test func trailingCommaInTheSelectListIsAccepted() throws {
        #expect(try canonical("SELECT a, b, FROM t") == "SELECT a, b FROM t")
        #expect(try canonical("SELECT a, b,") == "SELECT a, b")
    }

    @Test func keywordsAreNonReservedWhereNamesAreExpected() throws {
        let core = try select("SELECT ts, key, date, time, string, int64 FROM events AS data")
        #expect(core.items.count == 6)
        #expect(core.from == .table(QualifiedName([Identifier("events")]), alias: Identifier("data")))
    }

    @Test func lastJoinShape() throws {
        let core = try select("SELECT * FROM t1 LAST JOIN t2 ORDER BY t2.ts ON t1.k = t2.k")
        guard case .join(let join) = core.from else { throw SQLAssertionFailure(description: "no join") }
        #expect(join.kind == .last)
        #expect(join.left == .table(QualifiedName([Identifier("t1")]), alias: nil))
        #expect(join.orderBy.map { SQLPrinter.print($0.expr) } == ["t2.ts"])
        #expect(join.condition.map(SQLPrinter.print) == "t1.k = t2.k")
    }

    @Test func unionRules() throws {
        try expectParseError("SELECT * FROM t1 UNION 1️⃣SELECT * FROM t2", contains: "ALL or DISTINCT")
        try expectParseError(
            "SELECT * FROM t1 UNION ALL SELECT * FROM t2 1️⃣UNION DISTINCT SELECT * FROM t3", contains: "mixed")
        try expectParseError("SELECT * FROM t1 LIMIT 10 1️⃣UNION ALL SELECT * FROM t2", contains: "end of statement")
    }

    @Test func clauseErrorsSayWhatWasExpected() throws {
        try expectParseError("SELECT * FROM t1 LAST JOIN 1️⃣ON t1.a = 1", contains: "expected table name, found \"ON\"")
        try expectParseError("SELECT * FROM t1 LAST JOIN t2 1️⃣", contains: "expected ON, found end of input")
        try expectParseError("SELECT a FROM 1️⃣WHERE", contains: "expected table name")
        try expectParseError("SELECT a FROM t LIMIT 1️⃣'x'", contains: "row count")
        try expectParseError("SELECT col1 FROM db.t1️⃣.level3", contains: "at most 2")
        try expectParseError("SELECT * FROM t 1️⃣FOR SYSTEM_TIME AS OF TIMESTAMP('2011-01-01')")
        try expectParseError("SELECT * FROM t UNPIVOT1️⃣(a FOR b IN (x))")
        try expectParseError("SELECT * FROM t1 1️⃣WITH OFFSET AS offset")
        try expectParseError("SELECT a FROM t CONFIG 1️⃣mode = 'x'", contains: "\"(\"")
        try expectParseError("1️⃣FROM t", contains: "expected a statement")
    }

    @Test func errorsPointIntoLaterLines() throws {
        try expectParseError("SELECT a,\n       b\nFROM t1\nWHERE 1️⃣)")
    }
}
