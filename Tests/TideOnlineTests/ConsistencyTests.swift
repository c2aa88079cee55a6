import Testing
import TideBatch
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideTestSupport

/// Online/offline consistency, tested: random tables (with ties on ts), random window,
/// window-union and LAST JOIN feature queries, and every main row replayed as a request
/// against the rows stored before it must give the batch engine's row for it.
@Suite struct ConsistencyTests {
    static let ddl = [
        "CREATE TABLE t (id int, k string, k2 int, v int, ts timestamp, INDEX(KEY=k, TS=ts), INDEX(KEY=k2, TS=ts))",
        "CREATE TABLE u (id int, k string, k2 int, v int, ts timestamp, INDEX(KEY=k, TS=ts))",
        "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
    ]

    func randomRows(_ count: Int, idBase: Int, using g: inout SeededGenerator) -> [[Value]] {
        var ts: Int64 = 1_000
        return (0..<count).map { i in
            // Non-decreasing ts with many ties, so insertion order is window order.
            ts += [0, 0, 500, 1000, 3000].randomElement(using: &g) ?? 0
            let v: Value = Int.random(in: 0..<6, using: &g) == 0 ? .null : .int32(Int32.random(in: -20...50, using: &g))
            return [
                .int32(Int32(idBase + i)),
                // A NULL key is a partition (and an index key) of its own.
                Int.random(in: 0..<8, using: &g) == 0
                    ? .null : .string(["a", "b", "c"].randomElement(using: &g) ?? "a"),
                .int32(Int32.random(in: 1...2, using: &g)), v, .timestamp(ts),
            ]
        }
    }

    func randomQuery(using g: inout SeededGenerator) -> String {
        let rowsFrames = [
            "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW", "ROWS BETWEEN 3 PRECEDING AND 1 PRECEDING",
            "ROWS BETWEEN 5 OPEN PRECEDING AND 0 OPEN PRECEDING", "ROWS BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW",
        ]
        let rangeFrames = [
            "ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW",
            "ROWS_RANGE BETWEEN 3s OPEN PRECEDING AND 0s OPEN PRECEDING",
            "ROWS_RANGE BETWEEN 5s PRECEDING AND 1s PRECEDING",
            "ROWS_RANGE BETWEEN 4s PRECEDING AND CURRENT ROW MAXSIZE 3",
            "ROWS_RANGE BETWEEN 5s PRECEDING AND 1s PRECEDING MAXSIZE 2",
            "ROWS_RANGE BETWEEN 4s OPEN PRECEDING AND 1s OPEN PRECEDING MAXSIZE 2",
            "ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND 2s PRECEDING",
        ]
        let isRange = Bool.random(using: &g)
        var frame = (isRange ? rangeFrames : rowsFrames).randomElement(using: &g) ?? ""
        if Int.random(in: 0..<3, using: &g) == 0 { frame += " EXCLUDE CURRENT_ROW" }
        // A ROWS window may have no ORDER BY: arrival order (EXCLUDE CURRENT_TIME needs one).
        let unordered = !isRange && Int.random(in: 0..<4, using: &g) == 0
        if !unordered, Int.random(in: 0..<3, using: &g) == 0 { frame += " EXCLUDE CURRENT_TIME" }
        let union = Bool.random(using: &g)
        if union, Int.random(in: 0..<3, using: &g) == 0 { frame += " INSTANCE_NOT_IN_WINDOW" }
        let key = Bool.random(using: &g) || union ? "k" : "k2"
        let aggregates = [
            "sum(v)", "count(v)", "min(v)", "max(v)", "avg(v)", "distinct_count(v)", "lag(v, 1)", "first_value(v)",
            "last_value(v)", "count_where(v, v > 10)", "top(v, 2)", "sum(v - count(v))",
            "count_where(v, v > lag(v, 0))",
        ]
        let picked = (0..<3).map { _ in aggregates.randomElement(using: &g) ?? "sum(v)" }
        var select = "SELECT t.id, " + picked.enumerated().map { "\($1) OVER w AS a\($0)" }.joined(separator: ", ")
        // A window over a LAST JOIN has the joined columns, which a union source cannot match.
        let join = !union && Bool.random(using: &g)
        if join { select += ", p.level" }
        var sql = select + " FROM t"
        if join {
            sql += " LAST JOIN p ORDER BY p.ts ON t.k = p.k" + (Bool.random(using: &g) ? " AND p.ts <= t.ts" : "")
        }
        // WHERE drops request rows and filters the main table's window rows in both engines.
        // (Request mode rejects WHERE with a window union.)
        if Int.random(in: 0..<3, using: &g) == 0 { sql += " WHERE t.v IS NULL OR t.v > 5" }
        sql +=
            " WINDOW w AS (" + (union ? "UNION u " : "") + "PARTITION BY t.\(key) "
            + (unordered ? "" : "ORDER BY t.ts ") + "\(frame))"
        return sql
    }

    @Test func requestReplayEqualsBatch() throws {
        var g = SeededGenerator(seed: 4242)
        let catalog = try PlanTesting.catalog(Self.ddl)
        for round in 0..<400 {
            let main = randomRows(25, idBase: 0, using: &g)
            let union = randomRows(10, idBase: 1000, using: &g)
            let profile = randomRows(6, idBase: 0, using: &g).map { [$0[1], $0[3], $0[4]] }
            let sql = randomQuery(using: &g)
            let bound = try PlanTesting.bind(sql, catalog: catalog)
            struct Sources: TableSourceProvider {
                let rows: [String: [[Value]]]
                func source(for table: TableDef) throws -> any TableSource {
                    InMemoryTableSource(rows: rows[table.name] ?? [], width: table.columns.count)
                }
            }
            let batch = try BatchEngine(
                sources: Sources(rows: ["t": main, "u": union, "p": profile]), context: FunctionContext()
            ).rows(bound.plan)
            let expected = Dictionary(batch.map { ($0[0], $0) }, uniquingKeysWith: { first, _ in first })
            var reader = InMemoryIndexReader(tables: ["u": union, "p": profile])
            try RequestModeValidator.validate(bound.plan)
            // Compiled once, as a deployment is, and reused for every request of the round.
            let compiled = RequestEngine(indexes: reader, context: FunctionContext()).compile(bound.plan)
            for row in main {
                let engine = RequestEngine(indexes: reader, context: FunctionContext())
                let actual = try engine.execute(bound.plan, request: row)
                #expect(actual == expected[row[0]], "round \(round): \(sql)\nrequest \(row)")
                let reused = try engine.execute(compiled, request: row)
                #expect(reused == expected[row[0]], "compiled, round \(round): \(sql)\nrequest \(row)")
                reader.insert(row, into: "t")
            }
        }
    }
}
