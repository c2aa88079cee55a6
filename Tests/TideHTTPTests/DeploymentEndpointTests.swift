import Foundation
import TideCore
import TideDB
import XCTest

/// `POST /dbs/{db}/deployments/{name}` and `GET` of its info, against the real service.
final class DeploymentEndpointTests: HTTPServerTestCase {
    func testArrayRowsComputeTheWindowOverStoredRows() async throws {
        // 'a' has rows at 1000 (c3 10) and 2000 (c3 20): the request row (5) plus both.
        let body = try await server.post(
            "/dbs/demo_db/deployments/demo",
            #"{"input": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"], ["b", 4, 7, 1.0, 2.0, 2000, "2021-01-02"]]}"#)
        XCTAssertEqual(
            body,
            #"{"code":0,"msg":"ok","data":{"data":[["a",9,35,"2021-5-20",3000,1.5],["b",4,37,"2021-1-2",2000,2.0]]}}"#)
    }

    func testObjectRowsComeBackAsObjectsAndExtraKeysAreIgnored() async throws {
        let body = try await server.post(
            "/dbs/demo_db/deployments/demo",
            #"{"input": [{"c7": "2021-01-02", "c1": "b", "c2": 4, "c3": 7, "c4": 1, "c5": 2, "c6": 2000, "foo": "bar"}]}"#
        )
        XCTAssertEqual(
            body,
            #"{"code":0,"msg":"ok","data":{"data":[{"c1":"b","c2":4,"w_c3_sum":37,"c7":"2021-1-2","c6":2000,"ratio":2.0}]}}"#
        )
    }

    func testNeedSchemaAddsLowercaseTypes() async throws {
        let body = try await server.post(
            "/dbs/demo_db/deployments/demo",
            #"{"input": [["a", 1, 1, 1.0, 1.0, 500, "2021-05-20"]], "need_schema": true}"#)
        // At 500 the request row is older than every stored row of 'a', so its window holds
        // only itself: the sum is its own c3.
        XCTAssertEqual(
            body,
            #"{"code":0,"msg":"ok","data":{"schema":[{"name":"c1","type":"string"},{"name":"c2","type":"int32"},"#
                + #"{"name":"w_c3_sum","type":"int64"},{"name":"c7","type":"date"},{"name":"c6","type":"timestamp"},"#
                + #"{"name":"ratio","type":"double"}],"data":[["a",1,1,"2021-5-20",500,1.0]]}}"#)
    }

    func testNaNAndInfinityAreTokensOrNull() async throws {
        let input =
            #"{"input": [["a", 1, 1, 1.0, NaN, 3000, "2021-05-20"], ["a", 1, 1, 1.0, -Inf, 3000, "2021-05-20"]]"#
        let tokens = try await server.post("/dbs/demo_db/deployments/demo", input + "}")
        XCTAssertEqual(
            tokens,
            #"{"code":0,"msg":"ok","data":{"data":[["a",1,31,"2021-5-20",3000,NaN],["a",1,31,"2021-5-20",3000,-Infinity]]}}"#
        )
        let nulls = try await server.post(
            "/dbs/demo_db/deployments/demo", input + #", "write_nan_and_inf_null": true}"#)
        XCTAssertEqual(
            nulls,
            #"{"code":0,"msg":"ok","data":{"data":[["a",1,31,"2021-5-20",3000,null],["a",1,31,"2021-5-20",3000,null]]}}"#
        )
    }

    func testLegacyProcedureEndpointAddsCommonColumnsData() async throws {
        let body = try await server.post(
            "/dbs/demo_db/procedures/demo",
            #"{"common_cols": [], "input": [["b", 4, 7, 1.0, 2.0, 2000, "2021-01-02"]]}"#)
        XCTAssertEqual(
            body, #"{"code":0,"msg":"ok","data":{"data":[["b",4,37,"2021-1-2",2000,2.0]],"common_cols_data":[]}}"#)
        let rejected = try await server.post(
            "/dbs/demo_db/procedures/demo",
            #"{"common_cols": ["x"], "input": [["b", 4, 7, 1.0, 2.0, 2000, "2021-01-02"]]}"#)
        XCTAssertEqual(try server.object(rejected)["code"] as? Int, -1)
    }

    func testDeploymentInfo() async throws {
        let info = try server.object(try await server.get("/dbs/demo_db/deployments/demo"))
        XCTAssertEqual(info["code"] as? Int, 0)
        let data = try XCTUnwrap(info["data"] as? [String: Any])
        XCTAssertEqual(data["name"] as? String, "demo")
        XCTAssertTrue((data["procedure"] as? String)?.contains("sum(c3)") ?? false, "\(data)")
        let input = try XCTUnwrap(data["input_schema"] as? [[String: String]])
        XCTAssertEqual(input.map { $0["name"] ?? "" }, ["c1", "c2", "c3", "c4", "c5", "c6", "c7"])
        XCTAssertEqual(
            input.map { $0["type"] ?? "" }, ["string", "int32", "int64", "float", "double", "timestamp", "date"])
        let output = try XCTUnwrap(data["output_schema"] as? [[String: String]])
        XCTAssertEqual(output.map { $0["name"] ?? "" }, ["c1", "c2", "w_c3_sum", "c7", "c6", "ratio"])
        XCTAssertEqual(data["dbs"] as? [String], ["demo_db"])
        XCTAssertEqual(data["tables"] as? [String], ["t1"])
        XCTAssertEqual(data["input_common_cols"] as? [String], [])
    }

    func testRedeployedSQLIsPickedUpWithoutRefresh() async throws {
        let request = #"{"input": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#
        let before = try await server.post("/dbs/demo_db/deployments/demo", request)
        XCTAssertTrue(before.contains("35"), before)
        try server.execute(
            """
            DROP DEPLOYMENT demo;
            DEPLOY demo SELECT c1, count(c3) OVER w AS n FROM t1
                WINDOW w AS (PARTITION BY c1 ORDER BY c6 ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
            """)
        let after = try await server.post("/dbs/demo_db/deployments/demo", request)
        XCTAssertEqual(after, #"{"code":0,"msg":"ok","data":{"data":[["a",3]]}}"#)
        let refreshed = try await server.post("/refresh", "")
        XCTAssertEqual(refreshed, #"{"code":0,"msg":"ok"}"#)
        let again = try await server.post("/dbs/demo_db/deployments/demo", request)
        XCTAssertEqual(again, after)
    }

    func testErrorsAreCodeMinusOneWithAMessage() async throws {
        let unknown = try server.object(
            try await server.post("/dbs/demo_db/deployments/nope", #"{"input": [["a"]]}"#))
        XCTAssertEqual(unknown["code"] as? Int, -1)
        XCTAssertTrue(
            (unknown["msg"] as? String)?.contains("deployment \"nope\" does not exist") ?? false, "\(unknown)")

        let malformed = try server.object(
            try await server.post("/dbs/demo_db/deployments/demo", #"{"input": [["a", }"#))
        XCTAssertEqual(malformed["code"] as? Int, -1)
        XCTAssertTrue((malformed["msg"] as? String)?.hasPrefix("Json parse failed") ?? false, "\(malformed)")

        let wrongType = try server.object(
            try await server.post(
                "/dbs/demo_db/deployments/demo", #"{"input": [["a", "nine", 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#))
        XCTAssertEqual(wrongType["code"] as? Int, -1)
        XCTAssertTrue((wrongType["msg"] as? String)?.contains("trans c2[int32] failed") ?? false, "\(wrongType)")

        let wrongSize = try server.object(
            try await server.post("/dbs/demo_db/deployments/demo", #"{"input": [["a", 9]]}"#))
        XCTAssertEqual(wrongSize["code"] as? Int, -1)
        XCTAssertTrue((wrongSize["msg"] as? String)?.hasPrefix("Invalid input data size in row 0") ?? false)

        let missingColumn = try server.object(
            try await server.post("/dbs/demo_db/deployments/demo", #"{"input": [{"c1": "a"}]}"#))
        XCTAssertEqual(missingColumn["msg"] as? String, "Translate to request row failed in map row 0, can't find c2")

        let noInput = try server.object(try await server.post("/dbs/demo_db/deployments/demo", #"{"input": []}"#))
        XCTAssertEqual(noInput["code"] as? Int, -1)

        let notFound = try await server.request("GET", "/no/such/route")
        XCTAssertEqual(notFound.status, 404)
    }
}
