import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct ExpressionTests {
    private func expr(_ text: String) throws -> Expr {
        let q = try parseQuery("SELECT \(text)")
        guard case .select(let core) = q.query.body, case .expr(let e, _) = core.items[0] else {
            throw SQLAssertionFailure(description: "no expression in \(text)")
        }
        return e
    }

    private func col(_ name: String) -> Expr { Expr(.column(QualifiedName([Identifier(name)]))) }
    private func int(_ v: Int64) -> Expr { Expr(.literal(.integer(v))) }

    @Test(arguments: [
        ("a + b * c", "a + b * c"), ("(a + b) * c", "(a + b) * c"), ("a - (b - c)", "a - (b - c)"),
        ("(a - b) - c", "a - b - c"), ("a OR b AND c", "a OR b AND c"), ("(a OR b) AND c", "(a OR b) AND c"),
        ("NOT a = b", "NOT a = b"), ("!a = b", "(NOT a) = b"), ("a XOR b OR c", "a XOR b OR c"),
        ("a | b & c ^ d", "a | b & c ^ d"), ("-(a + b)", "-(a + b)"), ("- -a", "- -a"), ("-(-1)", "- -1"),
        ("a == b", "a = b"), ("a <> b", "a != b"), ("a MOD b", "a % b"), ("a DIV b", "a DIV b"),
        ("~a", "~a"), ("a = b = c", "a = b = c"), ("1 < 2 IS TRUE", "1 < 2 IS TRUE"),
    ])
    func precedenceAndCanonicalSpelling(_ input: String, _ output: String) throws {
        #expect(try canonical("SELECT \(input)") == "SELECT \(output)")
    }

    @Test func multiplicationBindsTighterThanAddition() throws {
        #expect(
            try expr("1 + 2 * 3")
                == Expr(.binary(.add, int(1), Expr(.binary(.multiply, int(2), int(3))))))
    }

    @Test func comparisonBindsTighterThanAndWhichBindsTighterThanOr() throws {
        let e = try expr("a = 1 OR b = 2 AND c = 3")
        let a = Expr(.binary(.equal, col("a"), int(1)))
        let b = Expr(.binary(.equal, col("b"), int(2)))
        let c = Expr(.binary(.equal, col("c"), int(3)))
        #expect(e == Expr(.binary(.or, a, Expr(.binary(.and, b, c)))))
    }

    @Test func literals() throws {
        #expect(try expr("1").kind == .literal(.integer(1)))
        #expect(try expr("9999999999999").kind == .literal(.integer(9_999_999_999_999)))
        #expect(try expr("1L").kind == .literal(.long(1)))
        #expect(try expr("1.5").kind == .literal(.double(1.5)))
        #expect(try expr("1.5f").kind == .literal(.float(1.5)))
        #expect(try expr("2e3").kind == .literal(.double(2000)))
        #expect(try expr("'x'").kind == .literal(.string("x")))
        #expect(try expr("\"x\"").kind == .literal(.string("x")))
        #expect(try expr("TRUE").kind == .literal(.bool(true)))
        #expect(try expr("false").kind == .literal(.bool(false)))
        #expect(try expr("NULL").kind == .literal(.null))
        #expect(try expr("30d").kind == .literal(.interval(30, .day)))
        #expect(try expr("-5").kind == .literal(.integer(-5)))
        #expect(try expr("-9223372036854775808").kind == .literal(.integer(.min)))
        #expect(try expr("-2.5f").kind == .literal(.float(-2.5)))
    }

    @Test func integerLiteralsOutOfRangeAreRejected() throws {
        try expectParseError("SELECT 1️⃣9223372036854775808", code: .numericValueOutOfRange)
        try expectParseError("SELECT -1️⃣9223372036854775809", code: .numericValueOutOfRange)
        try expectParseError("INSERT INTO t VALUES (1️⃣29223372036854775807)", code: .numericValueOutOfRange)
        try expectParseError("SELECT 1️⃣1e400", code: .numericValueOutOfRange)
    }

    @Test(arguments: [
        "SELECT a IS NULL, a IS NOT NULL, a IS TRUE, a IS NOT FALSE",
        "SELECT a BETWEEN 1 AND 5, a NOT BETWEEN b + 1 AND c * 2",
        "SELECT a IN (1, 2, 3), a NOT IN ('x')",
        "SELECT a LIKE 'k%', a NOT LIKE '%k_' ESCAPE '&', a ILIKE 'A%', a RLIKE '^a.*'",
        "SELECT CASE a WHEN 'aa' THEN 'apple' WHEN 'bb' THEN 'banana' ELSE 'nothing' END",
        "SELECT CASE WHEN a = 1 THEN 'one' END",
        "SELECT CAST(NULL AS int), CAST(a AS bigint), CAST(1 AS timestamp), CAST(x AS varchar(10))",
        "SELECT int(a), bigint(NULL), string(1), timestamp(NULL), date('2020-01-01')",
        "SELECT count(*), count(DISTINCT a), count_where(*, a < 4), concat('a', 'b', 'c')",
        "SELECT t.a, db.t.a, `weird name`, `select`",
        "SELECT a FROM t WHERE a = ? AND b = $2",
        "SELECT @@time_zone, @@global.x",
        "SELECT [1, 2], ARRAY<double>[1, 2, 3], [], map(1, '2')[1]",
        "SELECT EXISTS (SELECT 1), (SELECT max(a) FROM t)",
        "SELECT a FROM t WHERE a IN (SELECT b FROM u)",
        "SELECT 3 & 6, 3 | 6, 3 ^ 6, ~0, 5 % 2, 7 DIV 2, 1 / 2",
        "SELECT ts, key, date, `user`, type FROM t",
        "SELECT t1.std_ts - 30d, c7 + 1s",
    ])
    func expressionFormsRoundTrip(_ sql: String) throws {
        try parseVerified(sql)
    }

    @Test func questionMarksAreNumberedInOrder() throws {
        let q = try parseQuery("SELECT ?, ?, $5, ?")
        guard case .select(let core) = q.query.body else { throw SQLAssertionFailure(description: "shape") }
        let numbers = core.items.compactMap { item -> Int? in
            if case .expr(let e, _) = item, case .parameter(let n) = e.kind { return n }
            return nil
        }
        #expect(numbers == [1, 2, 5, 3])
    }

    @Test func functionOverAWindow() throws {
        let e = try expr("sum(c) OVER w1")
        guard case .function(let call) = e.kind else { throw SQLAssertionFailure(description: "not a call") }
        #expect(call.name.description == "sum")
        #expect(call.over == .named(Identifier("w1")))
        let inline = try expr("sum(c) OVER (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)")
        guard case .function(let inlineCall) = inline.kind, case .inline(let spec) = inlineCall.over else {
            throw SQLAssertionFailure(description: "not an inline window")
        }
        #expect(
            spec.frame == WindowFrame(unit: .rows, start: .preceding(FrameOffset(2), open: false), end: .currentRow))
    }

    @Test func stringsPrintWithEscapes() throws {
        #expect(try canonical(#"SELECT 'it\'s', "a\\b", 'line\nbreak'"#) == #"SELECT 'it\'s', 'a\\b', 'line\nbreak'"#)
    }

    @Test func expressionErrors() throws {
        try expectParseError("SELECT 'a' IN (1️⃣)", contains: "at least one value")
        try expectParseError("SELECT a IS 1️⃣5", contains: "NULL, TRUE or FALSE")
        try expectParseError("SELECT CAST(a AS 1️⃣blob)", contains: "unknown type")
        try expectParseError("SELECT ARRAY<1️⃣ARRAY<INT>>[[1, 2], [3, 4]]", contains: "scalar type")
        try expectParseError("SELECT a + 1️⃣FROM t", contains: "expected an expression")
        try expectParseError("SELECT CASE 1️⃣END", contains: "WHEN")
        try expectParseError("SELECT db.t1.col11️⃣.level4 FROM t", contains: "at most 3")
    }

    @Test func deepNestingIsAnErrorNotACrash() throws {
        let deep = "SELECT " + String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000)
        let error = try expectParseError(deep)
        #expect(error.message.contains("nested too deeply"))
    }

    /// Long flat chains build deep trees too; everything after the parser recurses over them.
    @Test func longChainsAreAnErrorNotACrash() throws {
        // 100,000 elements of each shape. Predicates chain left-deep too (found by tide-fuzz:
        // 1,000 chained BETWEENs overflowed the binder's stack).
        let sum: String = Array(repeating: "1", count: 100_000).joined(separator: " + ")
        let conjunction: String = Array(repeating: "1 = 1", count: 100_000).joined(separator: " AND ")
        let union: String = Array(repeating: "SELECT 1 AS x", count: 100_000).joined(separator: " UNION ALL ")
        let joins: [String] = (0..<100_000).map { (i: Int) -> String in "LAST JOIN t AS t\(i) ON t.a = t\(i).a" }
        let predicates: [String] = [
            " BETWEEN 1 AND 2", " IS NULL", " IN (1)", " LIKE 'a'", " NOT BETWEEN 0 AND a",
        ].map { "SELECT 1 AS x WHERE a" + String(repeating: $0, count: 100_000) }
        let chains: [String] =
            [
                "SELECT \(sum) AS x", "SELECT 1 AS x WHERE \(conjunction)", union,
                "SELECT a FROM t \(joins.joined(separator: " "))",
            ] + predicates
        for sql in chains {
            let error = try expectParseError(sql, code: "54001")
            #expect(error.message.contains("too complex"))
        }
        // Hundreds of terms, as generated feature SQL has, are fine.
        let terms: String = Array(repeating: "a", count: 300).joined(separator: " + ")
        try parseVerified("SELECT \(terms) AS x FROM t")
    }
}
