import Foundation
import Testing
import TideCore
import TideDB
import TideTestSupport

/// Long-window tiles give the answer rows give: on random tables (ties, NULLs, rows arriving
/// out of time order, several keys), random frames and random count/sum/avg/min/max,
/// `_where`, distinct_count and `_cate` calls, over time buckets and over row-count buckets
/// (ROWS_RANGE and ROWS frames; rows in time order or not), a deployment with `long_windows` equals the same deployment without, in
/// request mode, after inserts, DELETEs and a restart; and so does a second deployment sharing
/// its tiles, dropped and deployed again. `TIDE_TILE_CASES` runs more cases.
@Suite struct TileEqualityTests {
    static let cases = ProcessInfo.processInfo.environment["TIDE_TILE_CASES"].flatMap(Int.init) ?? 30

    @Test func tilesEqualRows() throws {
        var checked = 0
        var coarse = 0
        var edges = 0
        var rowCount = 0
        // `TIDE_TILE_SEED` runs that one case alone.
        let seeds =
            ProcessInfo.processInfo.environment["TIDE_TILE_SEED"].flatMap(UInt64.init).map { [$0] }
            ?? (0..<UInt64(Self.cases)).map { 7_000 + $0 }
        for seed in seeds {
            let served = try runCase(seed: seed)
            checked += served.tiles
            coarse += served.coarse
            edges += served.edges
            rowCount += served.rowCount
        }
        print(
            "tile equality: \(seeds.count) cases, \(checked) requests served by tiles after restart, "
                + "\(coarse) of them with coarse tiles, \(edges) with an edge bucket's tile, "
                + "\(rowCount) row-count tiles merged whole")
        #expect(checked > 0)
        #expect(coarse > 0)
        #expect(edges > 0)
        #expect(rowCount > 0)
    }

    /// One random case; returns how many requests tiles served after the restart, how many of
    /// those merged coarse tiles, and how many an edge bucket's tile.
    private func runCase(seed: UInt64) throws -> (tiles: Int, coarse: Int, edges: Int, rowCount: Int) {
        var g = SeededGenerator(seed: seed)
        func pick<T>(_ options: [T]) -> T { options[Int(g.next() % UInt64(options.count))] }
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tide-tiles-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }

        // Every third case has row-count tiles, over a ROWS or a ROWS_RANGE frame.
        let rowBuckets = seed % 3 == 0
        let bucket = rowBuckets ? pick(["3", "10", "40"]) : pick(["1s", "1m", "10m", "1h"])
        let rowsFrame = rowBuckets && g.next() % 2 == 0
        // Rows of row-count cases arrive in time order in half of them (tiles then lie in the
        // frame whole), in any order in the others.
        let ordered = rowBuckets && g.next() % 2 == 0
        var clock: Int64 = 0
        let ends = ["CURRENT ROW", "CURRENT ROW EXCLUDE CURRENT_ROW", "CURRENT ROW EXCLUDE CURRENT_TIME"]
        let end = rowsFrame ? pick(ends) : pick(ends + ["10m PRECEDING"])
        func frame(_ range: String) -> String {
            rowsFrame
                ? "ROWS BETWEEN \(pick(["5", "30", "100", "1000"])) PRECEDING AND \(end)"
                : "ROWS_RANGE BETWEEN \(range) PRECEDING AND \(end)"
        }
        let range = pick(["30m", "2h", "5h", "1d"])
        let threshold = Int(g.next() % 10)
        // Half the cases have an absolute TTL that expires about half the rows: times then
        // lie in the ten hours before now.
        let ttl = pick(["0m", "300m"])
        let base: Int64 = ttl == "0m" ? 0 : Int64(Date().timeIntervalSince1970 * 1000) - 36_000_000
        let allCalls = [
            "count(v)", "sum(v)", "avg(v)", "min(v)", "max(v)", "sum(n)", "min(n)", "max(ts)",
            "count_where(v, n > \(threshold))", "sum_where(v, n < \(threshold))", "avg_where(v, n >= \(threshold))",
            "min_where(n, v > 2.5)", "max_where(v, n != \(threshold))", "count_where(n, v <= 1.5)",
            "distinct_count(n)", "distinct_count(v)", "count_cate(v, n)", "sum_cate_where(v, n > 2, n)",
            "max_cate(v, n)", "avg_cate(n, k)", "min_cate_where(n, v < 3.5, k)",
        ]
        // Two deployments over the same index and bucket share one group of tiles; the second
        // has other calls (some the same) and sometimes another frame.
        func randomQuery(range: String) -> String {
            let calls = allCalls.filter { _ in g.next() % 2 == 0 }
            let features = (calls.isEmpty ? ["count(v)"] : calls).enumerated().map { "\($1) OVER w AS f\($0)" }
            return "SELECT k, " + features.joined(separator: ", ")
                + " FROM t WINDOW w AS (PARTITION BY k ORDER BY ts \(frame(range)))"
        }
        let query = randomQuery(range: range)
        let otherQuery = randomQuery(range: g.next() % 2 == 0 ? range : pick(["30m", "2h", "5h", "1d"]))

        func randomRows(_ count: Int) -> [String] {
            (0..<count).map { _ in
                let k = pick(["'a'", "'b'", "'c'"])
                let v = g.next() % 8 == 0 ? "NULL" : String(format: "%.2f", Double(Int(g.next() % 2000) - 500) / 100)
                let n = g.next() % 9 == 0 ? "NULL" : String(Int(g.next() % 10))
                // Times in ten hours, many on a whole minute (ties), arriving in any order.
                let minute = Int64(g.next() % 600)
                var ts = minute * 60_000 + (g.next() % 3 == 0 ? 0 : Int64(g.next() % 60_000))
                if ordered {
                    // Ties too: every fourth row at the time of the one before.
                    clock += g.next() % 4 == 0 ? 0 : Int64(g.next() % 120_000)
                    ts = clock
                }
                return "(\(k), \(v), \(n), \(base + ts))"
            }
        }
        // Pairs of a tiled deployment and the same query from rows.
        var pairs = [("lw", "raw", query), ("lw2", "raw2", otherQuery)]
        func requests(_ session: Session) throws {
            for _ in 0..<12 {
                let row = randomRows(1)[0]
                for (tiledName, rawName, sql) in pairs {
                    let tiled = try session.execute("EXECUTE DEPLOYMENT \(tiledName) VALUES \(row)").rows
                    let raw = try session.execute("EXECUTE DEPLOYMENT \(rawName) VALUES \(row)").rows
                    #expect(tiled.count == raw.count)
                    for (a, b) in zip(tiled, raw) {
                        for (x, y) in zip(a, b) where !Self.same(x, y) {
                            Issue.record(
                                "seed \(seed): \(sql) with bucket \(bucket), request \(row): tiles \(a), rows \(b)")
                            return
                        }
                    }
                }
            }
        }

        do {
            let session = try Database(directory: directory).session()
            for sql in [
                "CREATE DATABASE d", "USE d", "SET @@execute_mode = 'online'",
                "CREATE TABLE t (k string, v double, n int, ts timestamp, INDEX(KEY=k, TS=ts, TTL=\(ttl), TTL_TYPE=absolute))",
                "INSERT INTO t VALUES " + randomRows(Int(g.next() % 150) + 20).joined(separator: ", "),
                "DEPLOY lw OPTIONS (long_windows = 'w:\(bucket)') " + query,
                "DEPLOY raw " + query,
                "DEPLOY lw2 OPTIONS (long_windows = 'w:\(bucket)') " + otherQuery,
                "DEPLOY raw2 " + otherQuery,
            ] { _ = try session.execute(sql) }
            try requests(session)
            // Rows written after DEPLOY, and DELETEs, keep the tiles right; dropping one tiled
            // deployment (its group rebuilt for the other) and deploying it again too.
            for round in 0..<3 {
                _ = try session.execute(
                    "INSERT INTO t VALUES " + randomRows(Int(g.next() % 40) + 1).joined(separator: ", "))
                let minute = g.next() % 600
                _ = try session.execute(
                    "DELETE FROM t WHERE k = \(pick(["'a'", "'b'"])) AND ts >= timestamp(\(base + Int64(minute) * 60_000)) "
                        + "AND ts < timestamp(\(base + Int64(minute + 30) * 60_000))")
                if round == 0 {
                    _ = try session.execute("DROP DEPLOYMENT lw2")
                    pairs.removeLast()
                } else if round == 1 {
                    _ = try session.execute("DEPLOY lw2 OPTIONS (long_windows = 'w:\(bucket)') " + otherQuery)
                    pairs.append(("lw2", "raw2", otherQuery))
                }
                try requests(session)
            }
        }
        // After a restart the tiles are still right.
        let session = try Database(directory: directory).session()
        _ = try session.execute("USE d")
        try requests(session)
        return (
            session.database.tileServedRequests, session.database.coarseTileServedRequests,
            session.database.edgeTileServedRequests, rowBuckets ? session.database.mergedRowTiles : 0
        )
    }

    /// Equal values; doubles within a relative 1e-9 (tiles add a frame's sums tile by tile).
    static func same(_ a: Value, _ b: Value) -> Bool {
        if a == b { return true }
        guard case .double(let x) = a, case .double(let y) = b else { return false }
        return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
    }
}
