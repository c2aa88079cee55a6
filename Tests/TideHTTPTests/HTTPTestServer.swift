import Foundation
import Logging
import ServiceLifecycle
import TideDB
import TideHTTP
import TideMetrics
import XCTest

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real HTTP service on 127.0.0.1 (port 0) over a fresh data directory, with a table
/// `t1` of three rows and a deployment `demo` in database `demo_db`, and a small client.
final class HTTPTestServer {
    let directory: String
    let database: Database
    let metrics = ServerMetrics()
    private(set) var port = 0
    private var task: Task<Void, any Error>?
    private var group: ServiceGroup?

    init() throws {
        directory = FileManager.default.temporaryDirectory.appendingPathComponent("tide-http-\(UUID().uuidString)").path
        database = try Database(directory: directory)
        try execute(
            """
            CREATE DATABASE demo_db;
            USE demo_db;
            CREATE TABLE t1 (c1 string, c2 int, c3 bigint, c4 float, c5 double, c6 timestamp, c7 date,
                INDEX(KEY=c1, TS=c6));
            INSERT INTO t1 VALUES ('a', 1, 10, 1.5, 2.5, 1000, '2021-05-01');
            INSERT INTO t1 VALUES ('a', 2, 20, 1.5, 2.5, 2000, '2021-05-02');
            INSERT INTO t1 VALUES ('b', 3, 30, 1.5, 2.5, 1500, '2021-05-03');
            DEPLOY demo SELECT c1, c2, sum(c3) OVER w AS w_c3_sum, c7, c6, c5 / c4 AS ratio FROM t1
                WINDOW w AS (PARTITION BY c1 ORDER BY c6 ROWS BETWEEN 2 PRECEDING AND CURRENT ROW)
            """)
    }

    /// Runs `;`-separated statements in one session (current database `demo_db` once it exists).
    func execute(_ script: String) throws {
        let session = database.session()
        if database.databaseExists("demo_db") { session.currentDatabase = "demo_db" }
        for statement in script.split(separator: ";") {
            let sql = statement.trimmingCharacters(in: .whitespacesAndNewlines)
            if !sql.isEmpty { _ = try session.execute(sql) }
        }
    }

    /// Starts the service and waits until it listens.
    func start() async throws {
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        var logger = Logger(label: "tide.http.test")
        logger.logLevel = .error
        let service = HTTPService(
            database: database, metrics: metrics, host: "127.0.0.1", port: 0, logger: logger,
            onServerRunning: { port in
                continuation.yield(port)
                continuation.finish()
            })
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        self.group = group
        task = Task { try await group.run() }
        var iterator = ports.makeAsyncIterator()
        guard let port = await iterator.next(), port > 0 else {
            throw XCTSkip("the HTTP service did not report a port")
        }
        self.port = port
    }

    /// Stops the service and removes the data directory.
    func stop() async {
        await group?.triggerGracefulShutdown()
        _ = await task?.result
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// One HTTP exchange.
    struct Reply {
        var status: Int
        var contentType: String?
        var body: String
    }

    /// Sends `method path` with `body` and returns the status, content type and body.
    func request(_ method: String, _ path: String, body: String? = nil) async throws -> Reply {
        let url = try XCTUnwrap(URL(string: "http://127.0.0.1:\(port)\(path)"))
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let body {
            request.httpBody = Data(body.utf8)
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await URLSession.shared.data(for: request)
        let http = try XCTUnwrap(response as? HTTPURLResponse)
        return Reply(
            status: http.statusCode, contentType: http.value(forHTTPHeaderField: "Content-Type"),
            body: String(decoding: data, as: UTF8.self))
    }

    /// `POST path` with `body`, expecting HTTP 200; returns the body.
    func post(_ path: String, _ body: String) async throws -> String {
        let reply = try await request("POST", path, body: body)
        XCTAssertEqual(reply.status, 200)
        return reply.body
    }

    /// `GET path`, expecting HTTP 200; returns the body.
    func get(_ path: String) async throws -> String {
        let reply = try await request("GET", path)
        XCTAssertEqual(reply.status, 200)
        return reply.body
    }

    /// A JSON object body (without NaN tokens) as a dictionary.
    func object(_ body: String) throws -> [String: Any] {
        try XCTUnwrap(JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }
}
