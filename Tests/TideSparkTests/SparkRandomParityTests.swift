import Foundation
import Testing
import TideCore
import TideDB
import TideShell
import TideTestSupport

@testable import TideSpark

/// Random tables and window / LAST JOIN / GROUP BY queries, computed by TideBatch and by
/// Spark in the same session (`SET @@offline_engine` toggled): the rows must be equal,
/// doubles within 1e-9 relative. The data has what makes the lowering hard: timestamp ties
/// (a few distinct timestamps), NULL timestamps and values, rows inserted out of order, a
/// second table for WINDOW UNION and LAST JOIN; the queries draw ROWS and ROWS_RANGE frames
/// with open and closed bounds, EXCLUDE CURRENT_ROW / CURRENT_TIME, MAXSIZE and
/// INSTANCE_NOT_IN_WINDOW. Needs Spark Connect at `TIDE_TEST_SPARK_URL`; `TIDE_SPARK_CASES`
/// and `TIDE_SPARK_SEED` run more or other cases.
@Suite(
    .enabled(if: sparkTestEndpoint != nil, "needs a Spark Connect server: TIDE_TEST_SPARK_URL"),
    .serialized)
struct SparkRandomParityTests {
    static let cases = Int(ProcessInfo.processInfo.environment["TIDE_SPARK_CASES"] ?? "") ?? 40

    @Test func randomQueriesGiveTideBatchRowsOnSpark() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tide-spark-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let database = try Database(directory: scratch.path)
        database.installRemoteOfflineEngine(SparkOfflineEngine(exportDirectory: scratch.path + "/spark-export"))
        let session = database.session()
        for sql in ["CREATE DATABASE r", "USE r", "SET @@execute_mode = 'offline'"] { _ = try session.execute(sql) }
        let seed = UInt64(ProcessInfo.processInfo.environment["TIDE_SPARK_SEED"] ?? "") ?? 20_261_206
        var generator = SeededGenerator(seed: seed)
        var compared = 0
        for n in 0..<Self.cases {
            let tables = ["m\(n)", "u\(n)"]
            for table in tables {
                _ = try session.execute(
                    "CREATE TABLE \(table) (id int, g string, v double, w int, ts timestamp, INDEX(KEY=g, TS=ts))")
                let rows = (0..<Int.random(in: 0...30, using: &generator)).map { i in
                    Self.row(id: i, using: &generator)
                }
                if !rows.isEmpty {
                    _ = try session.execute("INSERT INTO \(table) VALUES \(rows.joined(separator: ", "))")
                }
            }
            for q in 0..<3 {
                let sql = Self.query(main: tables[0], other: tables[1], using: &generator)
                _ = try session.execute("SET @@offline_engine = 'local'")
                let data = try tables.map { table in
                    "INSERT INTO \(table) VALUES "
                        + (try session.execute("SELECT * FROM \(table)").rows.map(Self.render).joined(separator: ", "))
                }
                let expected = Result { try session.execute(sql).rows }
                _ = try session.execute("SET @@offline_engine = '\(sparkTestEndpoint ?? "")'")
                let actual = Result { try session.execute(sql).rows }
                compared += 1
                switch (expected, actual) {
                case (.success(let expected), .success(let actual)):
                    #expect(
                        Self.equal(expected, actual),
                        """
                        case \(n).\(q):
                        \(data.joined(separator: ";\n"));
                        \(sql);
                        TideBatch: \(expected.map(Self.render).joined(separator: " "))
                        Spark:     \(actual.map(Self.render).joined(separator: " "))
                        """)
                case (.failure(let expected as TideError), .failure(let actual as TideError)):
                    // A statement TideDB rejects is rejected the same way before Spark runs.
                    #expect(
                        expected.code == actual.code && expected.message == actual.message, "case \(n).\(q): \(sql)")
                case (_, .failure(let error as TideError)) where SparkParityTests.isRefusal(error):
                    Issue.record("case \(n).\(q) refused: \(error.message)\n\(sql)")
                default:
                    Issue.record("case \(n).\(q): TideBatch \(expected), Spark \(actual)\n\(sql)")
                }
            }
        }
        #expect(compared == Self.cases * 3)
    }

    static func row(id: Int, using generator: inout SeededGenerator) -> String {
        let g = ["'a'", "'b'", "NULL"][
            Int.random(in: 0..<3, using: &generator) == 2 && Bool.random(using: &generator)
                ? 2 : Int.random(in: 0..<2, using: &generator)]
        let v =
            Int.random(in: 0..<8, using: &generator) == 0
            ? "NULL" : String(Double(Int.random(in: -50...50, using: &generator)) / 4)
        let w =
            Int.random(in: 0..<8, using: &generator) == 0 ? "NULL" : String(Int.random(in: -3...3, using: &generator))
        // Few distinct timestamps (ties), some NULL, in any order.
        let ts =
            Int.random(in: 0..<12, using: &generator) == 0
            ? "NULL" : String(1000 * Int.random(in: 0...6, using: &generator))
        return "(\(id), \(g), \(v), \(w), \(ts))"
    }

    static func query(main: String, other: String, using generator: inout SeededGenerator) -> String {
        switch Int.random(in: 0..<10, using: &generator) {
        case 0:
            let order = ["", " ORDER BY \(other).ts", " ORDER BY \(other).w"][Int.random(in: 0..<3, using: &generator)]
            let bound = Bool.random(using: &generator) ? " AND \(other).ts <= \(main).ts" : ""
            return "SELECT \(main).id, \(other).id AS oid, \(other).v FROM \(main) LAST JOIN \(other)\(order) "
                + "ON \(main).g = \(other).g\(bound)"
        case 1:
            return "SELECT g, count(*) AS n, sum(v) AS s, min(w) AS mi, max(ts) AS mx, avg(v) AS a, "
                + "count_where(v, w > 0) AS cw, avg_cate(v, w) AS ac, first_value(v) AS f FROM \(main) GROUP BY g"
        default:
            let union = Int.random(in: 0..<3, using: &generator) == 0 ? "UNION \(other) " : ""
            var frame: String
            var attributes: [String] = []
            if Bool.random(using: &generator) {
                let start = [
                    "UNBOUNDED PRECEDING", "\(Int.random(in: 0...4, using: &generator)) PRECEDING",
                    "\(Int.random(in: 1...4, using: &generator)) OPEN PRECEDING",
                ][Int.random(in: 0..<3, using: &generator)]
                frame = "ROWS BETWEEN \(start) AND CURRENT ROW"
            } else {
                let start = [
                    "UNBOUNDED PRECEDING", "\(Int.random(in: 0...4, using: &generator))s PRECEDING",
                    "\(Int.random(in: 1...4, using: &generator))s OPEN PRECEDING",
                ][Int.random(in: 0..<3, using: &generator)]
                let end = ["CURRENT ROW", "CURRENT ROW", "1s PRECEDING", "0s OPEN PRECEDING"][
                    Int.random(in: 0..<4, using: &generator)]
                frame = "ROWS_RANGE BETWEEN \(start) AND \(end)"
                if Bool.random(using: &generator) {
                    attributes.append("MAXSIZE \(Int.random(in: 1...4, using: &generator))")
                }
                if Bool.random(using: &generator) { attributes.append("EXCLUDE CURRENT_TIME") }
                if !union.isEmpty, Bool.random(using: &generator) { attributes.append("INSTANCE_NOT_IN_WINDOW") }
            }
            if Bool.random(using: &generator) { attributes.append("EXCLUDE CURRENT_ROW") }
            let aggregates = [
                "count(v)", "sum(v)", "avg(w)", "min(v)", "max(w)", "distinct_count(w)", "count_where(v, w > 0)",
                "sum_where(v, w < 1)", "max_where(v, g = 'a')", "first_value(v)", "last_value(w)", "count(*)",
                "avg_cate(v, w)", "count_cate_where(v, w > 0, id % 3)", "top_n_key_sum_cate_where(v, w > -2, w, 2)",
                "max_cate(w, id % 2)",
            ].shuffled(using: &generator).prefix(4)
            let lag =
                union.isEmpty && !attributes.contains("EXCLUDE CURRENT_TIME") && Bool.random(using: &generator)
                ? ", lag(v, \(Int.random(in: 0...2, using: &generator))) OVER w AS lg" : ""
            let items = aggregates.enumerated().map { "\($1) OVER w AS a\($0)" }.joined(separator: ", ")
            return "SELECT id, \(items)\(lag) FROM \(main) WINDOW w AS (\(union)PARTITION BY g ORDER BY ts "
                + "\(frame) \(attributes.joined(separator: " ")))"
        }
    }

    /// A row as SQL constants: `(1, 'a', NULL, 2.5, 1000)`.
    static func render(_ row: [Value]) -> String {
        "("
            + row.map { value in
                switch value {
                case .null: return "NULL"
                case .string(let s): return "'\(s)'"
                case .timestamp(let ms): return String(ms)
                default: return ValueRendering.text(value)
                }
            }.joined(separator: ", ") + ")"
    }

    static func equal(_ a: [[Value]], _ b: [[Value]]) -> Bool {
        guard a.count == b.count else { return false }
        return zip(a, b).allSatisfy { x, y in
            x.count == y.count
                && zip(x, y).allSatisfy { p, q in
                    if case .double(let d) = p, case .double(let e) = q {
                        return d == e || (d.isNaN && e.isNaN) || abs(d - e) <= 1e-9 * max(abs(d), abs(e))
                    }
                    return p == q
                }
        }
    }
}
