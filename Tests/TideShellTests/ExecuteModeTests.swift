import Foundation
import Testing
import TideCore
import TideDB

/// `CONFIG (execute_mode = ...)` runs one query in that mode, whatever the session's mode.
@Suite struct ExecuteModeTests {
    @Test func configExecuteModeChoosesTheStore() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (k string, ts timestamp, INDEX(KEY=k, TS=ts))",
            "SET @@execute_mode = 'offline'", "INSERT INTO t VALUES ('offline row', 1)",
            "SET @@execute_mode = 'online'", "INSERT INTO t VALUES ('online row', 1)",
        ])
        defer { scratch.remove() }
        let session = scratch.session
        #expect(try session.execute("SELECT k FROM t").rows == [[.string("online row")]])
        #expect(
            try session.execute("SELECT k FROM t CONFIG (execute_mode = 'offline')").rows == [[.string("offline row")]])
        _ = try session.execute("SET @@execute_mode = 'offline'")
        #expect(
            try session.execute("SELECT k FROM t CONFIG (execute_mode = 'online')").rows == [[.string("online row")]])
        #expect(throws: TideError.self) { try session.execute("SELECT k FROM t CONFIG (execute_mode = 'sideways')") }
    }
}
