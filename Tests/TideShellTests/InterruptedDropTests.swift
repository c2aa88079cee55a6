import Foundation
import Testing
import TideCore
import TideStore

@testable import TideDB

/// DROP TABLE is one catalog write (the table goes and is recorded as dropping) followed by
/// removing its rows and files; a process that dies in between leaves the drop to the next
/// open, which finishes it, so a new table of the same name never shows the old rows.
@Suite struct InterruptedDropTests {
    @Test func theNextOpenFinishesADropThatStoppedAfterTheCatalogWrite() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))",
            "INSERT INTO t VALUES (1, 'a', 1000), (2, 'b', 2000)",
            "SET @@execute_mode = 'offline'",
            "INSERT INTO t VALUES (3, 'c', 3000)",
            "SET @@execute_mode = 'online'",
        ])
        defer { scratch.remove() }
        let database = scratch.session.database
        let id = try #require(database.tableID("t", in: "d"))
        // What DROP TABLE does first, alone: as if the process died right after it.
        _ = try database.catalog.dropTable(database: "d", name: "t")
        #expect(database.catalog.droppedTables().map(\.id) == [id])
        #expect(FileManager.default.fileExists(atPath: scratch.directory + "/data/offline"))

        // Another open (the one after a restart; read-only sees the same) finishes the drop.
        let copy = scratch.directory + "/copy"
        try FileManager.default.copyItem(atPath: scratch.directory + "/data", toPath: copy)
        let reopened = try Database(directory: copy).session()
        #expect(reopened.database.catalog.droppedTables().isEmpty)
        for sql in [
            "USE d", "CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))",
        ] { _ = try reopened.execute(sql) }
        #expect(try reopened.execute("SELECT count(*) FROM t").rows == [[.int64(0)]])
        _ = try reopened.execute("SET @@execute_mode = 'offline'")
        #expect(try reopened.execute("SELECT count(*) FROM t").rows == [[.int64(0)]])
        #expect(try reopened.database.online.hasRows(tableID: id) == false)

        // In the original process, CREATE TABLE finishes the pending drop before it creates.
        _ = try scratch.session.execute("CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))")
        #expect(database.catalog.droppedTables().isEmpty)
        _ = try scratch.session.execute("SET @@execute_mode = 'offline'")
        #expect(try scratch.session.execute("SELECT count(*) FROM t").rows == [[.int64(0)]])
    }
}
