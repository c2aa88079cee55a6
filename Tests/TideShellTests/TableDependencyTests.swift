import Foundation
import Testing
import TideCore
import TideDB

/// A table a deployment reads cannot be dropped from under it.
@Suite struct TableDependencyTests {
    @Test func dropTableReadByADeploymentFailsNamingIt() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (k string, v int, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=k, TS=ts))",
            "CREATE TABLE other (k string, ts timestamp, INDEX(KEY=k, TS=ts))",
            "DEPLOY feats SELECT t.k, p.level, sum(v) OVER w AS s FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k "
                + "WINDOW w AS (PARTITION BY t.k ORDER BY t.ts ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)",
        ])
        defer { scratch.remove() }
        let session = scratch.session
        for table in ["t", "p"] {
            let error = #expect(throws: TideError.self) { try session.execute("DROP TABLE \(table)") }
            #expect(error?.code.rawValue == "2BP01")
            #expect(error?.message.contains("d.feats") == true)
        }
        // Nothing was dropped: the deployment still answers.
        #expect(try session.execute("EXECUTE DEPLOYMENT feats VALUES ('a', 1, 1000)").rows.count == 1)
        _ = try session.execute("DROP TABLE other")
        _ = try session.execute("DROP DEPLOYMENT feats")
        _ = try session.execute("DROP TABLE t")
        #expect(try session.execute("SHOW TABLES").rows.count == 1)
    }
}
