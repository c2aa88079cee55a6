import XCTest

@testable import TideHTTP

/// The route table: which method and path reach which operation (pure, no server).
final class APIRouteTests: XCTestCase {
    private func outcome(_ method: String, _ uri: String) -> String {
        switch APIRoute.resolve(method: method, uri: uri) {
        case .operation(_, let call?): return "call \(call.database).\(call.name)"
        case .operation: return "operation"
        case .methodNotAllowed(let allowed): return "405 " + allowed.joined(separator: ",")
        case .notFound: return "404"
        }
    }

    func testEveryRouteResolvesForItsMethods() {
        XCTAssertEqual(outcome("GET", "/health"), "operation")
        XCTAssertEqual(outcome("HEAD", "/health"), "operation")
        XCTAssertEqual(outcome("GET", "/metrics"), "operation")
        XCTAssertEqual(outcome("POST", "/refresh"), "operation")
        XCTAssertEqual(outcome("GET", "/dbs"), "operation")
        XCTAssertEqual(outcome("POST", "/dbs/db1"), "operation")
        XCTAssertEqual(outcome("GET", "/dbs/db1/tables"), "operation")
        XCTAssertEqual(outcome("GET", "/dbs/db1/tables/t"), "operation")
        XCTAssertEqual(outcome("PUT", "/dbs/db1/tables/t"), "operation")
        XCTAssertEqual(outcome("POST", "/dbs/db1/deployments/d"), "call db1.d")
        XCTAssertEqual(outcome("GET", "/dbs/db1/deployments/d"), "operation")
        XCTAssertEqual(outcome("POST", "/dbs/db1/procedures/d"), "call db1.d")
    }

    func testWrongMethodsListWhatThePathTakes() {
        XCTAssertEqual(outcome("POST", "/health"), "405 GET,HEAD")
        XCTAssertEqual(outcome("GET", "/dbs/db1"), "405 POST")
        XCTAssertEqual(outcome("DELETE", "/dbs/db1/tables/t"), "405 GET,PUT,HEAD")
        XCTAssertEqual(outcome("PUT", "/dbs/db1/deployments/d"), "405 POST,GET,HEAD")
    }

    func testUnknownPathsAreNotFound() {
        XCTAssertEqual(outcome("GET", "/"), "404")
        XCTAssertEqual(outcome("GET", "/healthz"), "404")
        XCTAssertEqual(outcome("GET", "/dbs/db1/views/v"), "404")
        XCTAssertEqual(outcome("POST", "/dbs/db1/deployments/d/extra"), "404")
    }

    func testSegmentsArePercentDecodedAndTheQueryIgnored() {
        XCTAssertEqual(APIRoute.pathSegments("/dbs/my%20db/tables?verbose=1"), ["dbs", "my db", "tables"])
        XCTAssertEqual(APIRoute.pathSegments("//dbs///x/"), ["dbs", "x"])
        XCTAssertEqual(APIRoute.pathSegments("/dbs/100%"), ["dbs", "100%"])
        XCTAssertEqual(outcome("GET", "/health?probe=1"), "operation")
    }
}
