import Foundation
import Testing
import TideCore
import TideDB

/// A stored row's features as of just before it arrived (what a Kafka sink publishes) equal
/// the request answered before the row was inserted, for windows, a latest TTL and a LAST JOIN
/// over a subquery of the same table.
@Suite struct AsOfRequestTests {
    @Test func storedRowsAnswerAsTheyWouldHaveOnArrival() throws {
        let deploy =
            "DEPLOY feats SELECT t.id, sum(t.v) OVER w AS s, count(t.v) OVER w AS n, lag(t.v, 1) OVER w2 AS prev, "
            + "agg.total FROM t LAST JOIN (SELECT k, sum(v) OVER w3 AS total, id FROM t WINDOW w3 AS "
            + "(PARTITION BY k ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)) AS agg ON t.id = agg.id "
            + "WINDOW w AS (PARTITION BY t.k ORDER BY t.ts ROWS_RANGE BETWEEN 3s PRECEDING AND CURRENT ROW), "
            + "w2 AS (PARTITION BY t.k ORDER BY t.ts ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)"
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, k string, v int, ts timestamp, INDEX(KEY=k, TS=ts, TTL=3, TTL_TYPE=latest))",
            deploy,
        ])
        defer { scratch.remove() }
        let session = scratch.session
        var generator = SystemRandomNumberGenerator()
        var expected: [[Value]] = []
        var rows: [[Value]] = []
        for id in 0..<120 {
            let ts = Int64(1_000_000 + id * 700 - (id % 5 == 0 ? 2_500 : 0))
            let row: [Value] = [
                .int32(Int32(id)), .string("k\(Int.random(in: 0..<4, using: &generator))"),
                .int32(Int32.random(in: 0..<50, using: &generator)), .timestamp(ts),
            ]
            let answer = try session.database.prepare(deployment: "feats", in: "d").execute(row)
            expected.append(try #require(answer))
            _ = try session.execute(
                "INSERT INTO t VALUES (\(id), '\(row[1].stringValue ?? "")', \(row[2].int64Value ?? 0), \(ts))")
            rows.append(row)
        }
        let (deployment, reader) = try session.database.prepareAsOf(deployment: "feats", in: "d")
        let tableID = try #require(session.database.tableID("t", in: "d"))
        let stored = try session.database.rowLog(
            tableID: tableID, table: deployment.requestTable, after: 0, limit: 1_000)
        #expect(stored.count == rows.count)
        for (index, row) in stored.enumerated() {
            #expect(row.values == rows[index])
            reader.hide(fromSeq: row.seq)
            #expect(try deployment.execute(row.values) == expected[index], "row \(index)")
        }
        // Without a bound the reader sees everything: the newest row's answer then counts itself
        // twice (stored and as the request), which is why the sink always sets one.
        reader.hide(fromSeq: .max)
        let last = try #require(stored.last)
        #expect(try deployment.execute(last.values) != expected[expected.count - 1])
    }
}
