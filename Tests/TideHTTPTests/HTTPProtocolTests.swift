import Foundation
import TideDB
import TideTestSupport
import XCTest

/// HTTP/1.1 itself, byte for byte over a real socket: keep-alive, pipelining, HEAD,
/// `Expect: 100-continue`, chunked bodies, HTTP/1.0, and the replies to requests the API
/// cannot serve (404, 405, 413, malformed).
final class HTTPProtocolTests: HTTPServerTestCase {
    private static let deployment = "/dbs/demo_db/deployments/demo"
    private static let rowA = #"{"input": [["a", 9, 5, 2.0, 3.0, 3000, "2021-05-20"]]}"#
    private static let answerA = #"{"code":0,"msg":"ok","data":{"data":[["a",9,35,"2021-5-20",3000,1.5]]}}"#
    private static let rowB = #"{"input": [["b", 4, 7, 1.0, 2.0, 2000, "2021-01-02"]]}"#
    private static let answerB = #"{"code":0,"msg":"ok","data":{"data":[["b",4,37,"2021-1-2",2000,2.0]]}}"#

    private func post(_ path: String, _ body: String, extraHeaders: String = "") -> String {
        "POST \(path) HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n\(extraHeaders)"
            + "Content-Length: \(body.utf8.count)\r\n\r\n\(body)"
    }

    func testOneConnectionServesRequestAfterRequestWithDateAndServerHeaders() throws {
        let connection = try RawTCPConnection(port: server.port)
        for _ in 0..<3 {
            try connection.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n")
            let reply = try RawHTTPResponse.read(from: connection)
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.body, #"{"status":"ok"}"#)
            XCTAssertEqual(reply.headers["server"], "TideDB")
            XCTAssertEqual(reply.headers["content-type"], "application/json")
            XCTAssertTrue(reply.headers["date"]?.hasSuffix(" GMT") ?? false, "\(reply.headers)")
            XCTAssertNil(reply.headers["connection"])
        }
    }

    func testShortDeploymentCallsStayCorrectOnceTheyRunOnTheEventLoop() throws {
        let connection = try RawTCPConnection(port: server.port)
        let cache = server.database.deploymentCache
        XCTAssertFalse(cache.hasShortCalls("demo", in: "demo_db"))
        try connection.send(post(Self.deployment, Self.rowA))
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerA)
        // Short calls recorded, so the next calls run on the event loop however fast this build is.
        for _ in 0..<200 { try cache.deployment("demo", in: "demo_db").callTimes.record(.microseconds(100)) }
        XCTAssertTrue(cache.hasShortCalls("demo", in: "demo_db"))
        for round in 0..<10 {
            try connection.send(post(Self.deployment, round.isMultiple(of: 2) ? Self.rowA : Self.rowB))
            let reply = try RawHTTPResponse.read(from: connection)
            XCTAssertEqual(reply.body, round.isMultiple(of: 2) ? Self.answerA : Self.answerB, "call \(round)")
        }
        // A long pipeline of short calls: answered in order (the inline budget hands part of
        // the streak to the pool, and bounds the nesting of pipelined answers).
        try connection.send(
            (0..<200).map { post(Self.deployment, $0.isMultiple(of: 2) ? Self.rowA : Self.rowB) }.joined())
        for call in 0..<200 {
            let body = try RawHTTPResponse.read(from: connection).body
            XCTAssertEqual(body, call.isMultiple(of: 2) ? Self.answerA : Self.answerB, "pipelined call \(call)")
        }
    }

    func testPipelinedRequestsAreAnsweredInTheirOrder() throws {
        let connection = try RawTCPConnection(port: server.port)
        try connection.send(
            post(Self.deployment, Self.rowA) + "GET /dbs/demo_db/tables/t1 HTTP/1.1\r\nHost: x\r\n\r\n"
                + post(Self.deployment, Self.rowB))
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerA)
        let table = try RawHTTPResponse.read(from: connection)
        XCTAssertTrue(table.body.contains(#""name":"t1""#), table.body)
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerB)
    }

    func testUnknownPathsAndMethodsGet404And405AndTheConnectionStaysUsable() throws {
        let connection = try RawTCPConnection(port: server.port)
        try connection.send("GET /nowhere HTTP/1.1\r\nHost: x\r\n\r\n")
        let missing = try RawHTTPResponse.read(from: connection)
        XCTAssertEqual(missing.status, 404)
        XCTAssertEqual(missing.body, #"{"code":-1,"msg":"no such endpoint: GET /nowhere"}"#)
        try connection.send("DELETE /health HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n\r\nabc")
        let refused = try RawHTTPResponse.read(from: connection)
        XCTAssertEqual(refused.status, 405)
        XCTAssertEqual(refused.headers["allow"], "GET, HEAD")
        XCTAssertEqual(refused.body, #"{"code":-1,"msg":"DELETE is not allowed on /health; it takes GET, HEAD"}"#)
        try connection.send(post(Self.deployment, Self.rowA))
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerA)
    }

    func testHeadAnswersTheHeadersOfGetWithoutTheBody() throws {
        let connection = try RawTCPConnection(port: server.port)
        try connection.send("HEAD /health HTTP/1.1\r\nHost: x\r\n\r\nGET /health HTTP/1.1\r\nHost: x\r\n\r\n")
        let head = try RawHTTPResponse.read(from: connection, bodyless: true)
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.headers["content-length"], "15")
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, #"{"status":"ok"}"#)
    }

    func testExpectContinueGetsA100BeforeTheBodyIsSent() throws {
        let connection = try RawTCPConnection(port: server.port)
        try connection.send(
            "POST \(Self.deployment) HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\n"
                + "Content-Length: \(Self.rowA.utf8.count)\r\n\r\n")
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).status, 100)
        try connection.send(Self.rowA)
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerA)
    }

    func testChunkedBodiesAreCollected() throws {
        let connection = try RawTCPConnection(port: server.port)
        let bytes = Array(Self.rowA.utf8)
        let (first, second) = (bytes[..<10], bytes[10...])
        try connection.send(
            "POST \(Self.deployment) HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + String(first.count, radix: 16) + "\r\n" + String(decoding: first, as: UTF8.self) + "\r\n"
                + String(second.count, radix: 16) + "\r\n" + String(decoding: second, as: UTF8.self) + "\r\n0\r\n\r\n")
        XCTAssertEqual(try RawHTTPResponse.read(from: connection).body, Self.answerA)
    }

    func testHTTP10AndConnectionCloseCloseAfterTheReply() throws {
        let old = try RawTCPConnection(port: server.port)
        try old.send("GET /health HTTP/1.0\r\n\r\n")
        let reply = try RawHTTPResponse.read(from: old)
        XCTAssertEqual(reply.status, 200)
        XCTAssertEqual(reply.headers["connection"], "close")
        XCTAssertEqual(try old.receiveUntilClosed(), [])

        let closing = try RawTCPConnection(port: server.port)
        try closing.send(post(Self.deployment, Self.rowA, extraHeaders: "Connection: close\r\n"))
        XCTAssertEqual(try RawHTTPResponse.read(from: closing).body, Self.answerA)
        XCTAssertEqual(try closing.receiveUntilClosed(), [])
    }

    func testHTTP10KeepAliveIsHonoured() throws {
        let connection = try RawTCPConnection(port: server.port)
        for _ in 0..<2 {
            try connection.send("GET /health HTTP/1.0\r\nConnection: keep-alive\r\n\r\n")
            let reply = try RawHTTPResponse.read(from: connection)
            XCTAssertEqual(reply.status, 200)
            XCTAssertEqual(reply.headers["connection"], "keep-alive")
        }
    }

    func testATooLargeBodyGets413AndTheConnectionCloses() throws {
        let connection = try RawTCPConnection(port: server.port)
        try connection.send(
            "POST \(Self.deployment) HTTP/1.1\r\nHost: x\r\nContent-Length: \(64 << 20 + 1)\r\n\r\n{\"input\":")
        let reply = try RawHTTPResponse.read(from: connection)
        XCTAssertEqual(reply.status, 413)
        XCTAssertTrue(reply.body.contains(#""code":-1"#), reply.body)
        XCTAssertEqual(try connection.receiveUntilClosed(), [])
    }

    func testGarbageGets400AndOtherClientsAreStillServed() async throws {
        let garbage = try RawTCPConnection(port: server.port)
        try garbage.send("THIS IS NOT HTTP\u{0}\u{1}\r\n\r\n")
        XCTAssertTrue(String(decoding: try garbage.receiveUntilClosed(), as: UTF8.self).hasPrefix("HTTP/1.1 400"))
        let body = try await server.post(Self.deployment, Self.rowB)
        XCTAssertEqual(body, Self.answerB)
    }
}
