import Foundation
import Testing
import TideCore
import TideDB
import TideStore
import TideTestSupport

/// VERIFY DEPLOYMENT replays stored rows through the request path (index reads) and compares
/// them with the batch engine over the row log: a row changed in an index behind the engine's
/// back is caught, and the statement fails so scripts see it.
@Suite struct VerifyDeploymentTests {
    private static let setup = [
        "SET @@execute_mode = 'online'",
        "CREATE TABLE t (id int, card string, amt double, ts timestamp, INDEX(KEY=card, TS=ts))",
        "INSERT INTO t VALUES (1, 'a', 1.0, 1000), (2, 'a', 2.0, 2000), (3, 'b', 5.0, 1500), (4, 'a', 4.0, 3000), "
            + "(5, 'a', 8.0, 4000), (6, 'b', 1.5, 3000)",
        "DEPLOY f SELECT id, sum(amt) OVER w AS total, count(amt) OVER w AS n FROM t WINDOW w AS "
            + "(PARTITION BY card ORDER BY ts ROWS BETWEEN 3 PRECEDING AND CURRENT ROW)",
    ]

    @Test func cleanDataVerifies() throws {
        let scratch = try ScratchSession(Self.setup)
        defer { scratch.remove() }
        let result = try scratch.session.execute("VERIFY DEPLOYMENT f")
        #expect(result.rows.map { $0[0] } == [.string("id"), .string("total"), .string("n")])
        #expect(result.rows.allSatisfy { $0[1] == .string("6") && $0[2] == .string("0") })
        let sampled = try scratch.session.execute("VERIFY DEPLOYMENT f SAMPLE 2 SINCE 3000")
        #expect(sampled.rows.allSatisfy { $0[1] == .string("2") })
    }

    /// Many rows, several keys, some arriving late (out of time order) and ties: every row
    /// verifies, through the one whole-table batch (rows no later row precedes) and through
    /// per-row batches (the late ones); a deployment with a WHERE verifies too.
    @Test func randomRowsVerify() throws {
        var generator = SeededGenerator(seed: 2026)
        var rows: [String] = []
        for id in 0..<300 {
            let late = generator.next() % 10 == 0
            let ts = 1_000 * Int64(id) - (late ? Int64(generator.next() % 20_000) : 0)
            let amount = generator.next() % 7 == 0 ? "NULL" : String(Double(generator.next() % 1_000) / 10)
            rows.append("(\(id), 'k\(generator.next() % 5)', \(amount), \(ts))")
        }
        let scratch = try ScratchSession([
            "SET @@execute_mode = 'online'",
            "CREATE TABLE t (id int, card string, amt double, ts timestamp, INDEX(KEY=card, TS=ts))",
            "INSERT INTO t VALUES " + rows.joined(separator: ", "),
            "DEPLOY f SELECT id, sum(amt) OVER w AS s, count(amt) OVER w AS n, max(amt) OVER r AS m, "
                + "lag(amt, 1) OVER r AS p FROM t WINDOW "
                + "w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW), "
                + "r AS (PARTITION BY card ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW EXCLUDE CURRENT_TIME)",
            "DEPLOY g SELECT id, count(amt) OVER w AS n FROM t WHERE amt > 20 WINDOW "
                + "w AS (PARTITION BY card ORDER BY ts ROWS_RANGE BETWEEN 30s PRECEDING AND CURRENT ROW)",
        ])
        defer { scratch.remove() }
        for name in ["f", "g"] {
            let result = try scratch.session.execute("VERIFY DEPLOYMENT \(name) SAMPLE 300")
            #expect(result.rows.allSatisfy { $0[1] == .string("300") && $0[2] == .string("0") }, "\(result.rows)")
        }
    }

    @Test func aRowChangedInTheIndexIsCaught() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tide-verify-\(UUID())").path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        do {
            let session = try Database(directory: directory).session()
            for sql in ["CREATE DATABASE d", "USE d"] + Self.setup { _ = try session.execute(sql) }
        }
        // With the database closed, give the oldest index entry of card 'a' (id 1) the row of
        // the newest one (id 5); the row log keeps the true row. Index entries sort by key,
        // then newest first: the first four are card 'a' (ids 5, 4, 2, 1).
        do {
            let rocks = try RocksDatabase(path: directory + "/rocksdb")
            let entries = try rocks.scan(prefix: [0x02])
            try #require(entries.count == 6)
            try rocks.put(entries[3].key, entries[0].value)
        }
        let session = try Database(directory: directory).session()
        _ = try session.execute("USE d")
        let error = #expect(throws: TideError.self) { _ = try session.execute("VERIFY DEPLOYMENT f") }
        #expect(error?.code == .dataCorrupted)
        #expect(error?.message.contains("disagrees with its SQL") == true)
        // id 2's request sums the changed row (8.0 + 2.0) where the row log gives 1.0 + 2.0;
        // the count is the same either way.
        let detail = error?.detail ?? ""
        #expect(detail.contains("total: ") && detail.contains("request 10, offline 3"), "\(detail)")
        #expect(!detail.contains("n: "), "\(detail)")
    }
}
