import Foundation
import Testing
import TideCore
import TideStore

@testable import TideDB

/// Tiled deployments over the same index and bucket share one group of tiles: stored once,
/// rewritten without a dropped member's slots, and, when the data directory opens, kept when
/// their layout is what the deployments need, while tile sets nothing needs (another
/// generation, the per-deployment sets of older versions) are dropped.
@Suite struct TileGroupTests {
    static let window = "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW)"
    static let setup = [
        "SET @@execute_mode = 'online'",
        "CREATE TABLE t (k string, v double, ts timestamp, INDEX(KEY=k, TS=ts))",
        "INSERT INTO t VALUES ('a', 1.0, 1000), ('a', 2.0, 4000000), ('a', 2.0, 7300000), ('b', 5.0, 3000)",
        "DEPLOY sums OPTIONS (long_windows = 'w:1h') SELECT k, sum(v) OVER w AS s, count(v) OVER w AS c FROM t \(window)",
        "DEPLOY kinds OPTIONS (long_windows = 'w:1h') SELECT k, max(v) OVER w AS m, distinct_count(v) OVER w AS d FROM t \(window)",
        "DEPLOY raw SELECT k, sum(v) OVER w AS s, count(v) OVER w AS c, max(v) OVER w AS m, distinct_count(v) OVER w AS d FROM t \(window)",
    ]

    /// The names of the tile sets stored for `t`.
    private func storedSets(_ database: Database) throws -> [String] {
        let id = try #require(database.tableID("t", in: "d"))
        return try database.online.tileSetMarkers(tableID: id).map(\.name).sorted()
    }

    /// Each tiled deployment's answer for a request at `ts` equals the one computed from rows.
    private func expectAnswersEqualRows(_ session: Session, ts: Int64) throws {
        let raw = try session.execute("EXECUTE DEPLOYMENT raw VALUES ('a', 3.0, \(ts))").rows
        let sums = try session.execute("EXECUTE DEPLOYMENT sums VALUES ('a', 3.0, \(ts))").rows
        let kinds = try session.execute("EXECUTE DEPLOYMENT kinds VALUES ('a', 3.0, \(ts))").rows
        #expect(sums.map { Array($0.prefix(3)) } == raw.map { Array($0.prefix(3)) })
        #expect(kinds.map { [$0[0]] + $0[1...2] } == raw.map { [$0[0]] + $0[3...4] })
    }

    @Test func deploymentsShareOneGroupAndOpenKeepsOnlyWhatTheyNeed() throws {
        let scratch = try ScratchSession(Self.setup)
        defer { scratch.remove() }
        var database = scratch.session.database
        // One group (plain v and distinct v) for both deployments: one set of hour tiles.
        #expect(try storedSets(database) == ["index_0\u{1F}3600000\u{1F}2"])
        try expectAnswersEqualRows(scratch.session, ts: 8_000_000)
        let id = try #require(database.tableID("t", in: "d"))
        // A set nothing needs, as an older version kept per deployment.
        try database.online.writeTileSets(tableID: id, [(name: "d.old.w", tiles: [], marker: [])])
        #expect(try storedSets(database).count == 2)

        // Another open keeps the group as it is (its layout is the one needed) and drops the rest.
        let copy = scratch.directory + "/copy"
        try FileManager.default.copyItem(atPath: scratch.directory + "/data", toPath: copy)
        do {
            let reopened = try Database(directory: copy).session()
            _ = try reopened.execute("USE d")
            database = reopened.database
            #expect(try storedSets(database) == ["index_0\u{1F}3600000\u{1F}2"])
            try expectAnswersEqualRows(reopened, ts: 8_000_000)
            #expect(database.tileServedRequests > 0)

            // Without `kinds`, the group keeps only the plain partial, under a new generation.
            _ = try reopened.execute("DROP DEPLOYMENT kinds")
            #expect(try storedSets(database) == ["index_0\u{1F}3600000\u{1F}3"])
            #expect(
                database.tileMaintainer.group(try #require(database.tileMaintainer.registered(tableID: id).first?.key))?
                    .slots.count == 1)
            let raw = try reopened.execute("EXECUTE DEPLOYMENT raw VALUES ('a', 3.0, 8000000)").rows
            let sums = try reopened.execute("EXECUTE DEPLOYMENT sums VALUES ('a', 3.0, 8000000)").rows
            #expect(sums.map { Array($0.prefix(3)) } == raw.map { Array($0.prefix(3)) })
            _ = try reopened.execute("DROP DEPLOYMENT sums")
            #expect(try storedSets(database).isEmpty)
        }
    }

    /// Rows a short TTL hid when the tiles were built count again once a DEPLOY lengthens the
    /// TTL: the table's groups are rebuilt from what the index holds then.
    @Test func lengtheningTheTTLRebuildsTheTiles() throws {
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let hour: Int64 = 3_600_000
        let window = { (range: String) in
            "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN \(range) PRECEDING AND CURRENT ROW)"
        }
        // Rows 8 and 7 hours old are past the 5-hour TTL when the first tiles are built.
        let scratch = try ScratchSession([
            "SET @@execute_mode = 'online'",
            "CREATE TABLE t (k string, v double, ts timestamp, INDEX(KEY=k, TS=ts, TTL=300m, TTL_TYPE=absolute))",
            "INSERT INTO t VALUES ('a', 1.0, \(now - 8 * hour)), ('a', 2.0, \(now - 7 * hour)), ('a', 4.0, \(now - hour))",
            "DEPLOY short OPTIONS (long_windows = 'w:1h') SELECT k, count(v) OVER w AS c, sum(v) OVER w AS s FROM t \(window("3h"))",
            "DEPLOY raw SELECT k, count(v) OVER w AS c, sum(v) OVER w AS s FROM t \(window("3h"))",
        ])
        defer { scratch.remove() }
        let session = scratch.session
        let request = "VALUES ('a', 8.0, \(now - 6 * hour))"
        #expect(
            try session.execute("EXECUTE DEPLOYMENT short \(request)").rows == [[.string("a"), .int64(1), .double(8)]])
        // A day-long window lengthens the TTL: both stored rows of the first frame are back.
        _ = try session.execute(
            "DEPLOY long OPTIONS (long_windows = 'w:1h') SELECT k, max(v) OVER w AS m FROM t \(window("1d"))")
        let raw = try session.execute("EXECUTE DEPLOYMENT raw \(request)").rows
        #expect(raw == [[.string("a"), .int64(3), .double(11)]])
        #expect(try session.execute("EXECUTE DEPLOYMENT short \(request)").rows == raw)
    }
}
