import Foundation
import Testing
import TideCore
import TideDB

/// Online writes of rows already past an index's absolute TTL are reported, not silent.
@Suite struct ExpiredRowWarningTests {
    @Test func insertAndLoadReportRowsPastTheTTL() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=10m), INDEX(KEY=ts, TS=ts))"
        ])
        defer { scratch.remove() }
        let (session, dir) = (scratch.session, scratch.directory)
        let now = Int64(Date().timeIntervalSince1970 * 1000)
        let fresh = try session.execute("INSERT INTO t VALUES ('a', \(now))")
        #expect(fresh.warnings.isEmpty)
        let old = try session.execute("INSERT INTO t VALUES ('b', 1000), ('c', \(now)), ('d', 2000)")
        #expect(old.affectedRows == 3)
        #expect(
            old.warnings == [
                "2 of 3 rows are already past the TTL of index t.INDEX_0 (absolute 10min): they are not visible through it"
            ])
        let csv = dir + "/old.csv"
        try "k,ts\nx,1000\ny,\(now)\n".write(toFile: csv, atomically: true, encoding: .utf8)
        let load = try session.execute(
            "LOAD DATA INFILE '\(csv)' INTO TABLE t OPTIONS (header = true, mode = 'append')")
        #expect(load.warnings.contains { $0.hasPrefix("1 of 2 rows are already past the TTL of index t.INDEX_0") })
    }
}
