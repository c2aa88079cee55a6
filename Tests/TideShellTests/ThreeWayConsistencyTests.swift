import Foundation
import Testing
import TideCore
import TideDB
import TideTestSupport

/// The same feature query three ways through a real data directory: offline (offline store,
/// batch engine), online preview (RocksDB store, batch engine) and request mode (each row
/// sent as a request before it is inserted online). All three must agree row for row.
@Suite struct ThreeWayConsistencyTests {
    func rows(_ result: StatementResult) -> [[Value]] { result.rows }

    @Test func offlinePreviewAndRequestAgree() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tide-3way-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = try Database(directory: dir)
        let session = database.session()
        for sql in [
            "CREATE DATABASE d", "USE d",
            "CREATE TABLE t (id int, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE u (id int, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ] { _ = try session.execute(sql) }
        var g = SeededGenerator(seed: 99)
        var ts: Int64 = 10_000
        var main: [String] = []
        for i in 0..<120 {
            ts += [0, 0, 700, 1500, 4000].randomElement(using: &g) ?? 0
            let v =
                Int.random(in: 0..<8, using: &g) == 0 ? "NULL" : String(Double(Int.random(in: -50...90, using: &g)) / 4)
            main.append("(\(i), '\(["a", "b", "c"].randomElement(using: &g) ?? "a")', \(v), \(ts))")
        }
        let union = (0..<30).map { i in "(\(1000 + i), '\(["a", "b"][i % 2])', \(i), \(10_000 + Int64(i) * 3_000))" }
        let profile = (0..<8).map { i in "('\(["a", "b", "c"][i % 3])', \(i), \(10_000 + Int64(i) * 20_000))" }
        // Offline copies of every table; the online side holds u and p now, t row by row.
        _ = try session.execute("SET @@execute_mode = 'offline'")
        _ = try session.execute("INSERT INTO t VALUES " + main.joined(separator: ", "))
        _ = try session.execute("INSERT INTO u VALUES " + union.joined(separator: ", "))
        _ = try session.execute("INSERT INTO p VALUES " + profile.joined(separator: ", "))
        _ = try session.execute("SET @@execute_mode = 'online'")
        _ = try session.execute("INSERT INTO u VALUES " + union.joined(separator: ", "))
        _ = try session.execute("INSERT INTO p VALUES " + profile.joined(separator: ", "))
        let queries = [
            "SELECT t.id, sum(v) OVER w AS s, count(v) OVER w AS n, max(v) OVER w AS m, lag(v, 1) OVER w AS l "
                + "FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW)",
            "SELECT t.id, avg(v) OVER w AS a, distinct_count(v) OVER w AS d FROM t WINDOW w AS "
                + "(UNION u PARTITION BY k ORDER BY ts ROWS BETWEEN 4 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME)",
            "SELECT t.id, t.v, p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k AND p.ts <= t.ts",
            "SELECT t.id, min(v) OVER w AS m FROM t WINDOW w AS (UNION u PARTITION BY k ORDER BY ts "
                + "ROWS_RANGE BETWEEN 8s PRECEDING AND 0s OPEN PRECEDING INSTANCE_NOT_IN_WINDOW MAXSIZE 3)",
            // Frames that end before the current row, with MAXSIZE: the newest rows inside the
            // frame count, not the newest rows overall.
            "SELECT t.id, sum(v) OVER w AS s, count(v) OVER w AS n FROM t WINDOW w AS "
                + "(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND 2s PRECEDING MAXSIZE 2)",
            "SELECT t.id, lag(v, 2) OVER w AS l, max(v) OVER w AS m FROM t WINDOW w AS "
                + "(UNION u PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 9s PRECEDING AND 1s OPEN PRECEDING MAXSIZE 3)",
            // Aggregates inside an aggregate's arguments, over the same frame.
            "SELECT t.id, sum(v - count(v)) OVER w AS a, count_where(id, k = lag(k, 0)) OVER w AS b FROM t "
                + "WINDOW w AS (UNION u PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 5s PRECEDING AND CURRENT ROW)",
            // Subqueries over the main table joined back on the row's id (features.sql's shape):
            // in request mode the request row is the newest row of t inside each of them.
            "SELECT * FROM (SELECT id, k, sum(v) OVER w AS s FROM t WINDOW w AS "
                + "(PARTITION BY k ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)) AS f "
                + "LAST JOIN (SELECT t.id AS pid, p.level AS lvl FROM t LAST JOIN p ORDER BY p.ts "
                + "ON t.k = p.k AND p.ts <= t.ts) AS q ON f.id = q.pid",
            "SELECT t.id, t.v, q.c FROM t LAST JOIN (SELECT id AS pid, count(v) OVER w AS c FROM t WINDOW w AS "
                + "(PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW)) AS q ON t.id = q.pid",
            // A windowed subquery over another table on the right: no index read produces it,
            // so request mode computes it over the stored rows, as online preview does.
            "SELECT t.id, q.s, q.uts FROM t LAST JOIN (SELECT k AS uk, ts AS uts, sum(v) OVER w AS s FROM u WINDOW w AS "
                + "(PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)) AS q ORDER BY q.uts "
                + "ON t.k = q.uk AND q.uts <= t.ts",
        ]
        var requests: [[[Value]]] = Array(repeating: [], count: queries.count)
        for row in main {
            for (q, query) in queries.enumerated() {
                let inner = row.dropFirst().dropLast()
                requests[q] += try session.execute("\(query) CONFIG (execute_mode = 'request', values = (\(inner)))")
                    .rows
            }
            _ = try session.execute("INSERT INTO t VALUES " + row)
        }
        for (q, query) in queries.enumerated() {
            _ = try session.execute("SET @@execute_mode = 'online'")
            let preview = try session.execute(query + " ORDER BY 1").rows
            _ = try session.execute("SET @@execute_mode = 'offline'")
            let offline = try session.execute(query + " ORDER BY 1").rows
            #expect(offline.count == main.count)
            #expect(preview == offline, "online preview differs from offline: \(query)")
            #expect(requests[q] == offline, "request replay differs from offline: \(query)")
        }
    }
}
