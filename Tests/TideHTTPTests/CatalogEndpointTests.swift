import Foundation
import TideCore
import TideDB
import XCTest

/// Insert, catalog, `/health` and `/metrics`.
final class CatalogEndpointTests: HTTPServerTestCase {
    func testPutStoresARowTheDeploymentThenSees() async throws {
        let put = try await server.request(
            "PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a", 5, 100, 1.0, 1.0, 2500, "2021-05-05"]]}"#)
        XCTAssertEqual(put.status, 200)
        XCTAssertEqual(put.body, #"{"code":0,"msg":"ok"}"#)
        // The window of a request at 3000 now holds 2500 (100) and 2000 (20).
        let body = try await server.post(
            "/dbs/demo_db/deployments/demo", #"{"input": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#)
        XCTAssertEqual(body, #"{"code":0,"msg":"ok","data":{"data":[["a",9,125,"2021-5-20",3000,1.5]]}}"#)
        let query = try await server.post(
            "/dbs/demo_db", #"{"mode": "online", "sql": "SELECT c3, c7, c6 FROM t1 WHERE c3 = 100"}"#)
        XCTAssertEqual(
            query,
            #"{"code":0,"msg":"ok","data":{"schema":["Int64","Date","Timestamp"],"data":[[100,"2021-5-5",2500]]}}"#)
    }

    func testPutRejectsBadRows() async throws {
        let twoRows = try await server.request(
            "PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a"], ["b"]]}"#)
        XCTAssertEqual(
            try server.object(twoRows.body)["msg"] as? String, "Invalid value in body, only support to put one row")
        let short = try await server.request("PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a", 5]]}"#)
        XCTAssertTrue(
            (try server.object(short.body)["msg"] as? String)?.hasPrefix("column size != schema size") ?? false)
        let badDate = try await server.request(
            "PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a", 5, 100, 1.0, 1.0, 2500, "2021-02-30"]]}"#)
        XCTAssertTrue((try server.object(badDate.body)["msg"] as? String)?.contains("col c7") ?? false, badDate.body)
        let timestampText = try await server.request(
            "PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a", 5, 100, 1.0, 1.0, "2021-05-05", "2021-05-05"]]}"#)
        XCTAssertTrue((try server.object(timestampText.body)["msg"] as? String)?.contains("col c6") ?? false)
        let missingTable = try await server.request("PUT", "/dbs/demo_db/tables/nope", body: #"{"value": [[1]]}"#)
        XCTAssertEqual(try server.object(missingTable.body)["code"] as? Int, -1)
        let rows = try server.database.session().execute("SELECT c1 FROM demo_db.t1").rows
        XCTAssertEqual(rows.count, 3, "no rejected row was stored")
    }

    func testCatalogEndpoints() async throws {
        let dbs = try server.object(try await server.get("/dbs"))
        XCTAssertEqual(dbs["code"] as? Int, 0)
        XCTAssertEqual(dbs["dbs"] as? [String], ["demo_db"])

        let tables = try server.object(try await server.get("/dbs/demo_db/tables"))
        let list = try XCTUnwrap(tables["tables"] as? [[String: Any]])
        XCTAssertEqual(list.map { $0["name"] as? String }, ["t1"])
        let info = try XCTUnwrap(list.first)
        XCTAssertEqual(info["db"] as? String, "demo_db")
        XCTAssertEqual(info["tid"] as? Int, server.database.tableID("t1", in: "demo_db").map(Int.init))
        XCTAssertEqual(info["partition_num"] as? Int, 1)
        XCTAssertEqual(info["format_version"] as? Int, 1)
        let columns = try XCTUnwrap(info["column_desc"] as? [[String: Any]])
        XCTAssertEqual(columns.map { $0["name"] as? String }, ["c1", "c2", "c3", "c4", "c5", "c6", "c7"])
        XCTAssertEqual(
            columns.map { $0["data_type"] as? String },
            ["kString", "kInt", "kBigInt", "kFloat", "kDouble", "kTimestamp", "kDate"])
        let keys = try XCTUnwrap(info["column_key"] as? [[String: Any]])
        XCTAssertEqual(keys.first?["col_name"] as? [String], ["c1"])
        XCTAssertEqual(keys.first?["ts_name"] as? String, "c6")
        XCTAssertNotNil(keys.first?["ttl"] as? [String: Any])

        let one = try server.object(try await server.get("/dbs/demo_db/tables/t1"))
        XCTAssertEqual((one["table"] as? [String: Any])?["name"] as? String, "t1")
        let noTable = try server.object(try await server.get("/dbs/demo_db/tables/nope"))
        XCTAssertEqual(noTable["msg"] as? String, "Table not found")
        let noDatabase = try server.object(try await server.get("/dbs/nope/tables"))
        XCTAssertEqual(noDatabase["msg"] as? String, "DB not found")
    }

    func testHealth() async throws {
        let reply = try await server.request("GET", "/health")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.body, #"{"status":"ok"}"#)
    }

    func testMetricsCountDeploymentRequestsAndErrors() async throws {
        let good = #"{"input": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#
        for _ in 0..<3 { _ = try await server.post("/dbs/demo_db/deployments/demo", good) }
        _ = try await server.post(
            "/dbs/demo_db/deployments/demo", #"{"input": [["a", "x", 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#)
        _ = try await server.request(
            "PUT", "/dbs/demo_db/tables/t1", body: #"{"value": [["a", 5, 100, 1.0, 1.0, 2500, "2021-05-05"]]}"#)
        _ = try await server.post("/dbs/demo_db", #"{"mode": "online", "sql": "SELECT * FROM missing"}"#)

        let reply = try await server.request("GET", "/metrics")
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.contentType, "text/plain; version=0.0.4")
        let lines = Set(reply.body.split(separator: "\n").map(String.init))
        XCTAssertTrue(
            lines.contains(#"tide_deployment_requests_total{database="demo_db",deployment="demo"} 4"#), reply.body)
        XCTAssertTrue(lines.contains(#"tide_deployment_request_errors_total{database="demo_db",deployment="demo"} 1"#))
        XCTAssertTrue(lines.contains(#"tide_deployment_request_seconds_count{database="demo_db",deployment="demo"} 4"#))
        XCTAssertTrue(lines.contains(#"tide_rows_written_total{database="demo_db",table="t1"} 1"#))
        XCTAssertTrue(lines.contains("tide_statements_total 1"))
        XCTAssertTrue(lines.contains(#"tide_statement_errors_total{sqlstate_class="42"} 1"#))
        let size = try XCTUnwrap(lines.first { $0.hasPrefix("tide_rocksdb_size_bytes ") })
        XCTAssertGreaterThan(Double(size.split(separator: " ")[1]) ?? 0, 0)
        XCTAssertTrue(lines.contains { $0.hasPrefix("tide_rocksdb_block_cache_hit_ratio ") })
        XCTAssertTrue(lines.contains { $0.hasPrefix(#"tide_open_connections{protocol="http"} "#) })
    }
}
