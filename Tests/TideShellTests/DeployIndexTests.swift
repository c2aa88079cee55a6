import Foundation
import Testing
import TideCore
import TideDB

/// DEPLOY says which indexes it creates and which TTLs it lengthens.
@Suite struct DeployIndexTests {
    @Test func deployReportsIndexesItCreatesOrLengthens() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (k string, m string, v int, ts timestamp, INDEX(KEY=k, TS=ts, TTL=1m))"
        ])
        defer { scratch.remove() }
        let session = scratch.session
        let result = try session.execute(
            "DEPLOY x SELECT k, sum(v) OVER w AS s, count(v) OVER w2 AS n FROM t WINDOW "
                + "w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW), "
                + "w2 AS (PARTITION BY m ORDER BY ts ROWS BETWEEN 5 PRECEDING AND CURRENT ROW)")
        #expect(
            result.warnings.contains { $0.contains("lengthened the TTL of index t.INDEX_0") && $0.contains("1440min") })
        #expect(result.warnings.contains { $0.hasPrefix("created index t.") })
        // Deploying again over the same needs changes nothing and says nothing about indexes.
        let again = try session.execute(
            "DEPLOY y SELECT k, sum(v) OVER w AS s FROM t WINDOW "
                + "w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 1d PRECEDING AND CURRENT ROW)")
        #expect(!again.warnings.contains { $0.contains("index") })
    }
}
