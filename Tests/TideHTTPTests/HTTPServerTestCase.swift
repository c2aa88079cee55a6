import XCTest

/// A test case with its own `HTTPTestServer`: started before each test, stopped (and its
/// data directory removed) after.
class HTTPServerTestCase: XCTestCase {
    var server: HTTPTestServer!

    override func setUp() async throws {
        server = try HTTPTestServer()
        try await server.start()
    }

    override func tearDown() async throws {
        await server.stop()
    }
}
