import Testing
import TideCore
import TidePlan
import TideTestSupport

@Suite struct BinderTests {
    let catalog: InMemoryCatalog

    init() throws {
        catalog = try PlanTesting.catalog([
            "CREATE TABLE t1 (id int, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts, TTL=1d, TTL_TYPE=absolute))",
            "CREATE TABLE t2 (card string, level int, ts timestamp, INDEX(KEY=card, TS=ts))",
            "CREATE TABLE t3 (id int, card string, amount double, ts timestamp, INDEX(KEY=card, TS=ts))",
        ])
    }

    @Test func columnsResolveWithTypesAndQualifiers() throws {
        let bound = try PlanTesting.bind("SELECT id, t.card, amount AS a FROM t1 AS t", catalog: catalog)
        #expect(bound.columns.map(\.name) == ["id", "card", "a"])
        #expect(bound.columns.map(\.type) == [.int32, .string, .double])
    }

    /// Unaliased expressions are named by their SQL text, with lower-case booleans as OpenMLDB.
    @Test func unaliasedExpressionNames() throws {
        let bound = try PlanTesting.bind("SELECT id + 1, TRUE, concat(card, 'x') FROM t1", catalog: catalog)
        #expect(bound.columns.map(\.name) == ["id + 1", "true", "concat(card, 'x')"])
        let windowed = try PlanTesting.bind(
            "SELECT sum(amount) OVER w FROM t1 WINDOW w AS (PARTITION BY card ORDER BY ts ROWS 2 PRECEDING)",
            catalog: catalog)
        #expect(windowed.columns.map(\.name) == ["sum(amount)over w"])
    }

    @Test func starExpansion() throws {
        let bound = try PlanTesting.bind("SELECT *, t2.* FROM t1 LAST JOIN t2 ON t1.card = t2.card", catalog: catalog)
        #expect(
            bound.columns.map(\.name) == ["id", "card", "amount", "ts", "card", "level", "ts", "card", "level", "ts"])
    }

    /// Index definitions are checked: floating-point keys and non-time TS columns are 42804.
    @Test func indexKeyAndTSTypesAreChecked() throws {
        for (ddl, fragment) in [
            ("CREATE TABLE f (a double, ts timestamp, INDEX(KEY=a, TS=ts))", "cannot be double"),
            ("CREATE TABLE f (a string, b float, ts timestamp, INDEX(KEY=(a, b), TS=ts))", "cannot be float"),
            ("CREATE TABLE f (a string, ts int, INDEX(KEY=a, TS=ts))", "must be timestamp or bigint"),
        ] {
            let error = #expect(throws: TideError.self) { try PlanTesting.catalog([ddl]) }
            #expect(error?.code.rawValue == "42804")
            #expect(error?.message.contains(fragment) == true, "\(ddl): \(error?.message ?? "")")
        }
        #expect(throws: Never.self) {
            try PlanTesting.catalog(["CREATE TABLE f (a bigint, b date, INDEX(KEY=(a, b)))"])
        }
    }

    /// OpenMLDB types a bare NULL as bool (and so `~NULL`); next to a typed operand it takes
    /// that operand's type.
    @Test func bareNullIsABool() throws {
        let bound = try PlanTesting.bind("SELECT NULL AS a, ~NULL AS b, NULL + 1 AS c", catalog: catalog)
        #expect(bound.columns.map(\.type) == [.scalar(.bool), .scalar(.bool), .scalar(.int32)])
    }

    /// TTLs past OpenMLDB's limits (30 years absolute, 1000 rows latest) are 22023, never wrapped.
    @Test func ttlLimits() throws {
        for (ttl, fragment) in [
            ("TTL=(3650), TTL_TYPE=latest", "at most 1000 rows"),
            ("TTL=213503982335d", "at most 15768000m"),
            ("TTL=15768001m", "at most 15768000m"),
            ("TTL=(10d, 1001), TTL_TYPE=absorlat", "at most 1000 rows"),
        ] {
            let error = #expect(throws: TideError.self) {
                try PlanTesting.catalog(["CREATE TABLE f (a string, ts timestamp, INDEX(KEY=a, TS=ts, \(ttl)))"])
            }
            #expect(error?.code.rawValue == "22023")
            #expect(error?.message.contains(fragment) == true, "\(ttl): \(error?.message ?? "")")
        }
        let table = try PlanTesting.catalog([
            "CREATE TABLE f (a string, ts timestamp, INDEX(KEY=a, TS=ts, TTL=15768000m), "
                + "INDEX(KEY=ts, TS=ts, TTL=(1000), TTL_TYPE=latest))"
        ])
        #expect(table.table(database: "db", name: "f")?.indexes.map(\.ttl.latestCount) == [0, 1000])
    }

    @Test func unknownTableIs42P01WithPosition() throws {
        let error = try PlanTesting.bindError("SELECT a FROM nosuch", catalog: catalog)
        #expect(error.code == .undefinedTable)
        #expect(error.position?.column == 15)
        #expect(error.message == "table \"nosuch\" does not exist")
    }

    @Test func unknownDatabaseIs3D000() throws {
        let error = try PlanTesting.bindError("SELECT a FROM nodb.t1", catalog: catalog)
        #expect(error.code == .invalidCatalogName)
    }

    @Test func unknownColumnIs42703WithPositionAndHint() throws {
        let error = try PlanTesting.bindError("SELECT id, amuont FROM t1", catalog: catalog)
        #expect(error.code == .undefinedColumn)
        #expect(error.position?.column == 12)
        #expect(error.hint == "did you mean \"amount\"?")
    }

    @Test func ambiguousColumnIs42702() throws {
        let error = try PlanTesting.bindError("SELECT card FROM t1 LAST JOIN t2 ON t1.card = t2.card", catalog: catalog)
        #expect(error.code == .ambiguousColumn)
        #expect(error.position?.column == 8)
    }

    @Test func typeMismatchIs42804() throws {
        let error = try PlanTesting.bindError("SELECT id FROM t1 WHERE ts = amount", catalog: catalog)
        #expect(error.code == .datatypeMismatch)
        let join = try PlanTesting.bindError("SELECT id FROM t1 WHERE card", catalog: catalog)
        #expect(join.code == .datatypeMismatch)
    }

    @Test func unknownFunctionIs42883() throws {
        let error = try PlanTesting.bindError("SELECT nosuchfn(id) FROM t1", catalog: catalog)
        #expect(error.code == .undefinedFunction)
        #expect(error.position?.column == 8)
    }

    @Test func subqueriesAndCTEsScopeTheirColumns() throws {
        let bound = try PlanTesting.bind(
            "WITH c AS (SELECT id AS k, amount FROM t1) SELECT s.k, s.amount FROM (SELECT k, amount FROM c) AS s",
            catalog: catalog)
        #expect(bound.columns.map(\.name) == ["k", "amount"])
        let error = try PlanTesting.bindError("SELECT t1.id FROM (SELECT id FROM t1) AS s", catalog: catalog)
        #expect(error.code == .undefinedColumn)
    }

    @Test func noDatabaseSelected() throws {
        let error = try PlanTesting.bindError("SELECT id FROM t1", catalog: catalog, database: "")
        #expect(error.code == .invalidCatalogName)
        #expect(error.hint?.contains("USE") == true)
    }

    @Test func unionNeedsMatchingColumns() throws {
        let ok = try PlanTesting.bind("SELECT id, card FROM t1 UNION ALL SELECT id, card FROM t3", catalog: catalog)
        #expect(ok.columns.count == 2)
        let error = try PlanTesting.bindError("SELECT id FROM t1 UNION ALL SELECT card FROM t3", catalog: catalog)
        #expect(error.code == .datatypeMismatch)
    }

    @Test func orderByMayUseHiddenColumnsAndAliases() throws {
        let bound = try PlanTesting.bind("SELECT id AS x FROM t1 ORDER BY amount DESC, x", catalog: catalog)
        #expect(bound.columns.map(\.name) == ["x"])
        let text = PlanPrinter.print(bound.plan)
        #expect(text.contains("SORT(#order0#1 DESC, x#0 ASC)"))
    }

    @Test func lastJoinWithoutTimeBoundWarns() throws {
        let unbounded = try PlanTesting.bind(
            "SELECT t1.id FROM t1 LAST JOIN t2 ORDER BY t2.ts ON t1.card = t2.card", catalog: catalog)
        #expect(unbounded.warnings.count == 1)
        #expect(unbounded.warnings.first?.contains("no time bound") == true)
        let bounded = try PlanTesting.bind(
            "SELECT t1.id FROM t1 LAST JOIN t2 ORDER BY t2.ts ON t1.card = t2.card AND t2.ts <= t1.ts", catalog: catalog
        )
        #expect(bounded.warnings.isEmpty)
    }

    @Test func ddlTTLRules() throws {
        let tables = try PlanTesting.catalog([
            "CREATE TABLE a (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=30s))",
            "CREATE TABLE b (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=100, TTL_TYPE=latest))",
            "CREATE TABLE c (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=(10d, 5), TTL_TYPE=absorlat))",
        ]).tables
        #expect(tables[0].indexes[0].ttl == TTL(kind: .absolute, absoluteMs: 60_000))
        #expect(tables[1].indexes[0].ttl == TTL(kind: .latest, latestCount: 100))
        #expect(tables[2].indexes[0].ttl == TTL(kind: .absOrLat, absoluteMs: 864_000_000, latestCount: 5))
        #expect(throws: TideError.self) {
            try PlanTesting.catalog([
                "CREATE TABLE d (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=10, TTL_TYPE=absolute))"
            ])
        }
        #expect(throws: TideError.self) {
            try PlanTesting.catalog(["CREATE TABLE e (k string, ts timestamp, INDEX(KEY=nope, TS=ts))"])
        }
        #expect(throws: TideError.self) { try PlanTesting.catalog(["CREATE TABLE f (k string, k int)"]) }
    }
}
