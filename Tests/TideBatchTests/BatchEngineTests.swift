import Testing
import TideBatch
import TideCore

@Suite struct BatchEngineTests {
    func database() throws -> BatchTestDatabase {
        var db = try BatchTestDatabase([
            "CREATE TABLE t (id int, k string, v int, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE u (id int, k string, v int, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ])
        db.insert(
            "t",
            [
                [.int32(1), .string("a"), .int32(1), .timestamp(1000)],
                [.int32(2), .string("a"), .int32(2), .timestamp(2000)],
                [.int32(3), .string("b"), .int32(3), .timestamp(1500)],
                [.int32(4), .string("a"), .int32(4), .timestamp(3000)],
                [.int32(5), .string("a"), .int32(5), .timestamp(4000)],
            ])
        db.insert(
            "p",
            [
                [.string("a"), .int32(10), .timestamp(500)],
                [.string("a"), .int32(20), .timestamp(2500)],
                [.string("a"), .int32(30), .timestamp(9000)],
            ])
        return db
    }

    @Test func rowsWindowSumsPerPartition() throws {
        let rows = try database().query(
            "SELECT id, sum(v) OVER w AS s, count(v) OVER w AS n FROM t "
                + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) ORDER BY id")
        #expect(
            rows == [
                [.int32(1), .int32(1), .int64(1)], [.int32(2), .int32(3), .int64(2)],
                [.int32(3), .int32(3), .int64(1)],
                [.int32(4), .int32(7), .int64(3)], [.int32(5), .int32(11), .int64(3)],
            ])
    }

    @Test func aggregateInsideAnAggregateUsesTheSameFrame() throws {
        // Partition a by ts: v = 1, 2, 4, 5; frame = the row and the one before it.
        // sum(v - count(v)): count is 1 for the first frame, then 2: 1-1 | (1-2)+(2-2) | ...
        let rows = try database().query(
            "SELECT id, sum(v - count(v)) OVER w AS a, sum(v * sum(v)) OVER w AS b, "
                + "count_where(v, v >= max(v) - 1) OVER w AS c FROM t WHERE k = 'a' "
                + "WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) ORDER BY id")
        #expect(
            rows == [
                [.int32(1), .int64(0), .int32(1), .int64(1)],
                [.int32(2), .int64(-1), .int32(9), .int64(2)],
                [.int32(4), .int64(2), .int32(36), .int64(1)],
                [.int32(5), .int64(5), .int32(81), .int64(2)],
            ])
    }

    @Test func rowsRangeWindowWithOpenBound() throws {
        let rows = try database().query(
            "SELECT id, sum(v) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts "
                + "ROWS_RANGE BETWEEN 2s OPEN PRECEDING AND CURRENT ROW) ORDER BY id")
        // id 5 at 4000: rows with ts > 2000 → ids 4, 5.
        #expect(rows.map { $0[1] } == [.int32(1), .int32(3), .int32(3), .int32(6), .int32(9)])
    }

    @Test func windowUnionAndInstanceNotInWindow() throws {
        var db = try database()
        db.insert("u", [[.int32(9), .string("a"), .int32(100), .timestamp(1000)]])
        let rows = try db.query(
            "SELECT id, sum(v) OVER w FROM t WINDOW w AS (UNION u PARTITION BY k ORDER BY ts "
                + "ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW INSTANCE_NOT_IN_WINDOW) ORDER BY id")
        #expect(rows.map { $0[1] } == [.int32(101), .int32(102), .int32(3), .int32(104), .int32(105)])
    }

    /// lag counts back through the partition whatever the frame, but EXCLUDE CURRENT_TIME
    /// still removes the current row's peers (rows with its ORDER BY value).
    @Test func lagSkipsPeersUnderExcludeCurrentTime() throws {
        var db = try database()
        db.insert("t", [[.int32(6), .string("a"), .int32(6), .timestamp(4000)]])
        func sql(_ exclusion: String) -> String {
            "SELECT id, lag(v, 1) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts "
                + "ROWS_RANGE BETWEEN 1s PRECEDING AND CURRENT ROW\(exclusion)) ORDER BY id"
        }
        let plain = try db.query(sql(""))
        let excluding = try db.query(sql(" EXCLUDE CURRENT_TIME"))
        // id 6 shares ts 4000 with id 5: plain lag sees id 5, EXCLUDE CURRENT_TIME skips to id 4.
        #expect(plain.map { $0[1] } == [.null, .int32(1), .null, .int32(2), .int32(4), .int32(5)])
        #expect(excluding.map { $0[1] } == [.null, .int32(1), .null, .int32(2), .int32(4), .int32(4)])
    }

    @Test func lastJoinTakesTheLatestMatch() throws {
        let rows = try database().query(
            "SELECT t.id, p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k AND p.ts <= t.ts ORDER BY t.id")
        #expect(rows.map { $0[1] } == [.int32(10), .int32(10), .null, .int32(20), .int32(20)])
        let unbounded = try database().query(
            "SELECT t.id, p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k ORDER BY t.id")
        #expect(unbounded.map { $0[1] } == [.int32(30), .int32(30), .null, .int32(30), .int32(30)])
    }

    @Test func groupByHavingOrderLimit() throws {
        let rows = try database().query(
            "SELECT k, count(*) AS n, sum(v) AS s FROM t GROUP BY k HAVING count(*) > 0 ORDER BY n DESC LIMIT 1")
        #expect(rows == [[.string("a"), .int64(4), .int32(12)]])
        let whole = try database().query("SELECT count(*), max(v) FROM t WHERE v > 100")
        #expect(whole == [[.int64(0), .null]])
    }

    @Test func filterProjectUnionDistinct() throws {
        let rows = try database().query(
            "SELECT DISTINCT k FROM t WHERE v >= 2 UNION ALL SELECT k FROM p WHERE level = 10")
        #expect(rows == [[.string("a")], [.string("b")], [.string("a")]])
        #expect(try database().query("SELECT 1 + 1 AS two, concat('x', 'y')") == [[.int32(2), .string("xy")]])
    }

    @Test func leftJoinKeepsUnmatchedRows() throws {
        let rows = try database().query("SELECT t.id, p.level FROM t LEFT JOIN p ON t.k = p.k WHERE t.k = 'b'")
        #expect(rows == [[.int32(3), .null]])
    }
}
