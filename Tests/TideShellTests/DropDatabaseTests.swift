import Foundation
import Testing
import TideCore
import TideDB

/// DROP DATABASE leaves nothing of the database behind in the offline store.
@Suite struct DropDatabaseTests {
    @Test func theDatabaseFolderGoesWithIt() throws {
        let scratch = try ScratchSession([
            "CREATE DATABASE gone", "USE gone", "CREATE TABLE t (id int, ts timestamp, INDEX(KEY=id, TS=ts))",
            "SET @@execute_mode = 'offline'", "INSERT INTO t VALUES (1, 1)",
        ])
        defer { scratch.remove() }
        let folder = scratch.directory + "/data/offline/gone"
        #expect(FileManager.default.fileExists(atPath: folder))
        for sql in ["DROP TABLE t", "USE d", "DROP DATABASE gone"] { _ = try scratch.session.execute(sql) }
        #expect(!FileManager.default.fileExists(atPath: folder))
        // The database's name is free again, and its new tables are empty.
        for sql in ["CREATE DATABASE gone", "USE gone", "CREATE TABLE t (id int, ts timestamp, INDEX(KEY=id, TS=ts))"] {
            _ = try scratch.session.execute(sql)
        }
        _ = try scratch.session.execute("SET @@execute_mode = 'offline'")
        #expect(try scratch.session.execute("SELECT count(*) FROM t").rows == [[.int64(0)]])
    }
}
