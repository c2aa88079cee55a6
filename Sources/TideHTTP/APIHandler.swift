import TideCore
import TideDB
import TideMetrics

/// The HTTP API's operations. Each turns a request (path parameters and body bytes) into a
/// reply synchronously: they run SQL and read RocksDB, so the routes call them on a thread
/// pool, never on an event loop.
final class APIHandler: Sendable {
    let database: Database
    let metrics: ServerMetrics
    let deployments: DeploymentCache

    init(database: Database, metrics: ServerMetrics) {
        self.database = database
        self.metrics = metrics
        self.deployments = database.deploymentCache
    }

    /// `POST /refresh`: forgets compiled deployments (the catalog itself is always current).
    func refresh() -> APIReply {
        deployments.removeAll()
        return .ok()
    }

    /// `GET /health`.
    func health() -> APIReply {
        APIReply(body: #"{"status":"ok"}"#)
    }

    /// `GET /metrics`: the Prometheus text exposition.
    func renderMetrics() -> APIReply {
        APIReply(contentType: "text/plain; version=0.0.4", body: metrics.render(database: database))
    }

    /// Runs `body`, turning a thrown error into a `{"code":-1}` reply.
    func reply(_ body: () throws -> APIReply) -> APIReply {
        do {
            return try body()
        } catch {
            return .failure(error)
        }
    }

    /// The request body as a JSON object.
    /// - Throws: `APIFailure` if it is not JSON or not an object.
    static func parseObject(_ body: [UInt8]) throws -> RequestJSON {
        let json: RequestJSON
        do {
            json = try RequestJSONParser.parse(body)
        } catch {
            throw APIFailure(error.description)
        }
        guard json.isObject else { throw APIFailure("Json parse failed: the request body must be a JSON object") }
        return json
    }

    /// A boolean member that is true only when present and `true` (OpenMLDB's reading of
    /// `need_schema` and `write_nan_and_inf_null`).
    static func flag(_ json: RequestJSON, _ key: String) -> Bool {
        json[key]?.boolValue ?? false
    }
}

/// A request the API rejects, with the message the client sees in `msg`.
struct APIFailure: Error, Sendable, Hashable, CustomStringConvertible {
    var description: String

    init(_ description: String) {
        self.description = description
    }
}
