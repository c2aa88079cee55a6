import Foundation
import Testing
import TideCore
import TideDB

/// DELETE on the online store: `column = value` conditions compare as index keys do.
@Suite struct DeleteStatementTests {
    private func withTable(_ body: (Session) throws -> Void) throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, k string, n smallint, ts timestamp, INDEX(KEY=k, TS=ts), INDEX(KEY=ts, TS=ts))",
            "INSERT INTO t VALUES (1, NULL, 1, 1000), (2, 'b', 1, 1000), (3, NULL, 2, 2000), (4, 'b', 2, 3000)",
        ])
        defer { scratch.remove() }
        let session = scratch.session
        try body(session)
    }

    private func ids(_ session: Session) throws -> [Value] {
        try session.execute("SELECT id FROM t ORDER BY id").rows.map { $0[0] }
    }

    @Test func equalNullMatchesNullKeys() throws {
        try withTable { (session: Session) throws in
            #expect(try session.execute("DELETE FROM t WHERE k = NULL AND n = 2").affectedRows == 1)
            #expect(try ids(session) == [.int32(1), .int32(2), .int32(4)])
            #expect(try session.execute("DELETE FROM t WHERE k = null").affectedRows == 1)
            #expect(try ids(session) == [.int32(2), .int32(4)])
        }
    }

    @Test func timestampKeyTakesEpochMilliseconds() throws {
        try withTable { (session: Session) throws in
            #expect(try session.execute("DELETE FROM t WHERE ts = 1000").affectedRows == 2)
            #expect(try ids(session) == [.int32(3), .int32(4)])
            // A value that is not of the column's type is an error, and nothing is deleted.
            #expect(throws: TideError.self) { try session.execute("DELETE FROM t WHERE n = 'many'") }
            #expect(try ids(session) == [.int32(3), .int32(4)])
        }
    }

    @Test func otherConditionsAreSQLPredicates() throws {
        try withTable { (session: Session) throws in
            #expect(try session.execute("DELETE FROM t WHERE n > 1 AND k = 'b'").affectedRows == 1)
            #expect(try ids(session) == [.int32(1), .int32(2), .int32(3)])
        }
    }
}
