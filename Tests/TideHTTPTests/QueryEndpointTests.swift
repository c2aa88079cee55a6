import Foundation
import TideCore
import TideDB
import XCTest

/// `POST /dbs/{db}`: ad-hoc SQL in the APIServer's modes.
final class QueryEndpointTests: HTTPServerTestCase {
    func testOnlineQueryReturnsCapitalizedSchemaAndRows() async throws {
        let body = try await server.post(
            "/dbs/demo_db", #"{"mode": "online", "sql": "SELECT c1, c3, c7 FROM t1 WHERE c1 = 'a' ORDER BY c6"}"#)
        XCTAssertEqual(
            body,
            #"{"code":0,"msg":"ok","data":{"schema":["String","Int64","Date"],"data":[["a",10,"2021-5-1"],["a",20,"2021-5-2"]]}}"#
        )
    }

    func testParametersFillPlaceholders() async throws {
        let body = try await server.post(
            "/dbs/demo_db",
            #"{"mode": "online", "sql": "SELECT c1, c2 FROM t1 WHERE c2 > ? AND c1 = ? ORDER BY c2", "#
                + #""input": {"schema": ["Int32", "String"], "data": [1, "a"]}}"#)
        XCTAssertEqual(body, #"{"code":0,"msg":"ok","data":{"schema":["String","Int32"],"data":[["a",2]]}}"#)
    }

    func testRequestRowsInInputRunInRequestMode() async throws {
        let sql =
            "SELECT c1, sum(c3) OVER w AS s FROM t1 WINDOW w AS (PARTITION BY c1 ORDER BY c6 "
            + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)"
        let body = try await server.post(
            "/dbs/demo_db",
            #"{"mode": "online", "sql": "\#(sql)", "input": {"schema": [], "#
                + #""data": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"], ["b", 4, 7, 1.0, 2.0, 2000, "2021-01-02"]]}}"#)
        XCTAssertEqual(body, #"{"code":0,"msg":"ok","data":{"schema":["String","Int64"],"data":[["a",35],["b",37]]}}"#)
    }

    func testConfigRequestModeInTheSQL() async throws {
        let sql =
            "SELECT c1, sum(c3) OVER w AS s FROM t1 WINDOW w AS (PARTITION BY c1 ORDER BY c6 "
            + "ROWS BETWEEN 2 PRECEDING AND CURRENT ROW) "
            + "CONFIG (execute_mode = 'request', values = ('a', 9, 5, 2.0, 3.0, 3000, '2021-05-20'))"
        let body = try await server.post("/dbs/demo_db", #"{"mode": "online", "sql": "\#(sql)"}"#)
        XCTAssertEqual(body, #"{"code":0,"msg":"ok","data":{"schema":["String","Int64"],"data":[["a",35]]}}"#)
    }

    func testDDLRepliesOkAndOfflineModeReadsTheOfflineStore() async throws {
        let created = try await server.post("/dbs/demo_db", #"{"mode": "online", "sql": "CREATE TABLE t2 (x int)"}"#)
        XCTAssertEqual(created, #"{"code":0,"msg":"ok"}"#)
        XCTAssertNotNil(server.database.table("t2", in: "demo_db"))
        // Nothing was loaded offline: the offline store has no rows of t1.
        let offline = try await server.post("/dbs/demo_db", #"{"mode": "offsync", "sql": "SELECT c1 FROM t1"}"#)
        XCTAssertEqual(offline, #"{"code":0,"msg":"ok","data":{"schema":["String"],"data":[]}}"#)
    }

    func testErrors() async throws {
        let badMode = try server.object(try await server.post("/dbs/demo_db", #"{"mode": "batch", "sql": "SELECT 1"}"#))
        XCTAssertEqual(badMode["msg"] as? String, "Invalid mode batch")
        let badSQL = try server.object(try await server.post("/dbs/demo_db", #"{"mode": "online", "sql": "SELEC 1"}"#))
        XCTAssertEqual(badSQL["code"] as? Int, -1)
        XCTAssertFalse((badSQL["msg"] as? String ?? "").isEmpty)
        let noTable = try server.object(
            try await server.post("/dbs/demo_db", #"{"mode": "online", "sql": "SELECT * FROM missing"}"#))
        XCTAssertEqual(noTable["code"] as? Int, -1)
        XCTAssertTrue((noTable["msg"] as? String)?.contains("missing") ?? false, "\(noTable)")
        let noDatabase = try server.object(
            try await server.post("/dbs/nope", #"{"mode": "online", "sql": "SELECT 1"}"#))
        XCTAssertEqual(noDatabase["msg"] as? String, "database \"nope\" does not exist")
        let malformed = try server.object(try await server.post("/dbs/demo_db", "{mode: online}"))
        XCTAssertEqual(malformed["code"] as? Int, -1)
    }
}
