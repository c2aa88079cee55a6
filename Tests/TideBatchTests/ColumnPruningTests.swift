import Synchronization
import Testing
import TideCore
import TideExec
import TidePlan
import TideTestSupport

@testable import TideBatch

/// The batch engine reads only the columns a plan uses (`ColumnPruning`): the narrowed plan
/// must give exactly the rows of the plan as bound, and its scans must ask for fewer columns.
@Suite struct ColumnPruningTests {
    /// Tables in memory that record which columns each scan asks for.
    final class RecordingSources: TableSourceProvider, @unchecked Sendable {
        let database: BatchTestDatabase
        let requests = Mutex<[String: [[Int]?]]>([:])

        init(_ database: BatchTestDatabase) { self.database = database }

        struct Source: TableSource {
            let base: any TableSource
            let table: String
            let record: @Sendable (String, [Int]?) -> Void

            func scan(batchSize: Int) throws -> any BatchIterator { try base.scan(batchSize: batchSize) }

            func scan(batchSize: Int, columns: [Int]?) throws -> any BatchIterator {
                record(table, columns)
                return try base.scan(batchSize: batchSize, columns: columns)
            }
        }

        func source(for table: TableDef) throws -> any TableSource {
            Source(base: try database.source(for: table), table: table.name) { [self] name, columns in
                requests.withLock { $0[name, default: []].append(columns) }
            }
        }
    }

    static let ddl = [
        "CREATE TABLE t (id int, k string, m string, c string, v int, d double, ts timestamp, "
            + "INDEX(KEY=k, TS=ts), INDEX(KEY=m, TS=ts))",
        "CREATE TABLE r (id int, k string, m string, c string, v int, d double, ts timestamp, INDEX(KEY=k, TS=ts))",
        "CREATE TABLE p (k string, level int, note string, pts timestamp, INDEX(KEY=k, TS=pts))",
    ]

    /// Random rows with NULLs, repeated keys and ties.
    static func database(seed: UInt64) throws -> BatchTestDatabase {
        var db = try BatchTestDatabase(ddl)
        var random = SeededGenerator(seed: seed)
        func maybe(_ value: Value) -> Value { Int.random(in: 0..<10, using: &random) == 0 ? .null : value }
        func row(_ id: Int) -> [Value] {
            [
                .int32(Int32(id)), maybe(.string(["a", "b", "c"].randomElement(using: &random) ?? "a")),
                maybe(.string(["m1", "m2"].randomElement(using: &random) ?? "m1")),
                maybe(.string(["x", "y", "z"].randomElement(using: &random) ?? "x")),
                maybe(.int32(Int32.random(in: -5...20, using: &random))),
                maybe(.double(Double(Int.random(in: -100...100, using: &random)) / 4)),
                .timestamp(Int64.random(in: 0...20, using: &random) * 1000),
            ]
        }
        db.insert("t", (0..<60).map(row))
        db.insert("r", (100..<120).map(row))
        db.insert(
            "p",
            (0..<12).map { i in
                [
                    maybe(.string(["a", "b", "c"].randomElement(using: &random) ?? "a")), .int32(Int32(i)),
                    .string("note\(i)"), .timestamp(Int64.random(in: 0...20, using: &random) * 1000),
                ]
            })
        return db
    }

    static let queries = [
        "SELECT id, v FROM t",
        "SELECT sum(v) AS s, count(*) AS n FROM t",
        "SELECT count(*) AS n FROM t",
        "SELECT k, count(*) AS n, max(d) AS x FROM t GROUP BY k",
        "SELECT id FROM t WHERE c = 'x' AND v > 3",
        "SELECT id, d FROM t ORDER BY v, id LIMIT 7",
        "SELECT DISTINCT k, c FROM t",
        "SELECT id, sum(v) OVER w AS s, distinct_count(m) OVER w AS dm FROM t "
            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW)",
        "SELECT id, count(v) OVER w AS n FROM t "
            + "WINDOW w AS (UNION r PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)",
        "SELECT id, avg_cate(d, c) OVER w AS ac, count_where(v, c = 'y') OVER w AS cw, lag(d, 1) OVER w AS l FROM t "
            + "WINDOW w AS (PARTITION BY m ORDER BY ts ROWS BETWEEN 4 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW)",
        "SELECT id, sum(v - count(v)) OVER w AS a FROM t "
            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
        "SELECT x.id, x.s FROM (SELECT id, k, sum(v) OVER w AS s, max(d) OVER w AS unused FROM t "
            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS x",
        "SELECT t.id, p.level FROM t LAST JOIN p ORDER BY p.pts ON t.k = p.k AND p.pts <= t.ts",
        "SELECT t.id, p.note FROM t LAST JOIN p ON t.k = p.k",
        "SELECT t.id, p.level FROM t LAST JOIN p ORDER BY p.pts ON t.k = p.k AND p.level > t.v",
        "SELECT a.id, b.s FROM (SELECT id, d FROM t) AS a LAST JOIN "
            + "(SELECT id AS bid, sum(v) OVER w AS s, k FROM t "
            + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)) AS b "
            + "ON a.id = b.bid",
        "SELECT t.id, p.level FROM t LEFT JOIN p ON t.k = p.k WHERE t.v > 0",
        "SELECT id, v FROM t UNION ALL SELECT id, v FROM r",
        "SELECT k, sum(d) AS s FROM (SELECT k, d, c FROM t WHERE v IS NOT NULL) AS q GROUP BY k",
        "SELECT id, CASE WHEN c IN ('x', 'y') THEN d ELSE v END AS e FROM t",
    ]

    @Test(arguments: queries)
    func narrowedPlansGiveTheSameRows(sql: String) throws {
        for seed in UInt64(1)...5 {
            let db = try Self.database(seed: seed)
            let bound = try PlanTesting.bind(sql, catalog: db.catalog)
            let engine = BatchEngine(sources: db, context: FunctionContext(timeZone: .utc))
            let whole = try BatchOperatorBuilder(engine: engine, plan: bound.plan).run(bound.plan)
            let narrowed = ColumnPruning.prune(bound.plan)
            #expect(narrowed.columns == bound.plan.columns, "\(sql)")
            let pruned = try BatchOperatorBuilder(engine: engine, plan: narrowed).run(narrowed)
            #expect(pruned.count == whole.count, "\(sql)")
            #expect(
                (0..<pruned.count).map(pruned.row) == (0..<whole.count).map(whole.row),
                "seed \(seed): \(sql)")
        }
    }

    /// Which columns of each table the engine reads for `sql` (nil: all of them).
    func columnsRead(_ sql: String) throws -> [String: [[Int]?]] {
        let sources = RecordingSources(try Self.database(seed: 7))
        let bound = try PlanTesting.bind(sql, catalog: sources.database.catalog)
        _ = try BatchEngine(sources: sources, context: FunctionContext(timeZone: .utc)).execute(bound.plan)
        return sources.requests.withLock { $0 }
    }

    @Test func scansReadOnlyTheColumnsUsed() throws {
        // t: id 0, k 1, m 2, c 3, v 4, d 5, ts 6
        #expect(try columnsRead("SELECT id, v FROM t") == ["t": [[0, 4]]])
        #expect(try columnsRead("SELECT sum(d) AS s FROM t WHERE c = 'x'") == ["t": [[3, 5]]])
        #expect(try columnsRead("SELECT count(*) AS n FROM t") == ["t": [[0]]])
        #expect(try columnsRead("SELECT * FROM t") == ["t": [nil]])
        // A window reads its partition, order and arguments; its union source the same columns.
        #expect(
            try columnsRead(
                "SELECT id, sum(v) OVER w AS s FROM t "
                    + "WINDOW w AS (UNION r PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)")
                == ["t": [[0, 1, 4, 6]], "r": [[0, 1, 4, 6]]])
        // A call nobody reads is not computed, and its argument not read.
        #expect(
            try columnsRead(
                "SELECT x.id FROM (SELECT id, max(d) OVER w AS unused FROM t "
                    + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS x")
                == ["t": [[0]]])
        // LAST JOIN: the right side's keys, order and used columns only.
        #expect(
            try columnsRead("SELECT t.id, p.level FROM t LAST JOIN p ORDER BY p.pts ON t.k = p.k AND p.pts <= t.ts")
                == ["t": [[0, 1, 6]], "p": [[0, 1, 3]]])
        // Without ORDER BY the right index's TS column orders the candidates: it is read too.
        #expect(
            try columnsRead("SELECT t.id, p.note FROM t LAST JOIN p ON t.k = p.k")
                == ["t": [[0, 1]], "p": [[0, 2, 3]]])
    }

    @Test func nestedAggregatesKeepTheirInputWhole() throws {
        let read = try columnsRead(
            "SELECT id, sum(v - count(v)) OVER w AS a FROM t "
                + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)")
        #expect(read == ["t": [nil]])
    }
}
