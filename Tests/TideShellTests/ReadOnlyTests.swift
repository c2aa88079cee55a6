import Foundation
import Testing
import TideCore
import TideDB

/// A data directory opened read-only reads like any other, even while another process (here:
/// another open) holds it, and refuses every statement that would change it with 25006.
@Suite struct ReadOnlyTests {
    @Test func readsWhileHeldAndRefusesChanges() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))",
            "INSERT INTO t VALUES (1, 'a', 1000), (2, 'b', 2000)",
            "DEPLOY d SELECT id, count(id) OVER w AS n FROM t WINDOW w AS (PARTITION BY k ORDER BY ts "
                + "ROWS BETWEEN 1 PRECEDING AND CURRENT ROW)",
        ])
        defer { scratch.remove() }
        // The writable database is still open (and locked); a read-only one opens beside it.
        let reader = try Database(directory: scratch.directory + "/data", readOnly: true).session()
        #expect(reader.database.isReadOnly)
        _ = try reader.execute("USE d")
        _ = try reader.execute("SET @@execute_mode = 'online'")
        #expect(try reader.execute("SELECT count(*) FROM t").rows == [[.int64(2)]])
        #expect(try reader.execute("EXECUTE DEPLOYMENT d VALUES (3, 'a', 3000)").rows == [[.int32(3), .int64(2)]])
        #expect(try reader.execute("EXPLAIN INSERT INTO t VALUES (4, 'c', 4000)").rows.isEmpty == false)
        for sql in [
            "INSERT INTO t VALUES (4, 'c', 4000)", "CREATE TABLE u (id int)", "DROP TABLE t",
            "DELETE FROM t WHERE k = 'a'",
            "TRUNCATE TABLE t", "CREATE DATABASE e", "DROP DEPLOYMENT d",
        ] {
            let error = #expect(throws: TideError.self, "\(sql)") { try reader.execute(sql) }
            #expect(error?.code.rawValue == "25006", "\(sql)")
        }
        // Nothing changed for the writer either.
        #expect(try scratch.session.execute("SELECT count(*) FROM t").rows == [[.int64(2)]])
        let missing = #expect(throws: TideError.self) {
            try Database(directory: scratch.directory + "/nothing-here", readOnly: true)
        }
        #expect(missing?.message.contains("not a TideDB data directory") == true)
    }
}
