import Foundation

/// One API call ready to run: its path parameters bound, waiting for the body. It runs SQL
/// and reads RocksDB, so it is called on the statement thread pool, never on an event loop.
typealias APIOperation = @Sendable (APIHandler, [UInt8]) -> APIReply

/// The routes of the OpenMLDB APIServer-compatible API plus `/health` and `/metrics`:
/// which operation a method and path name. Pure: no I/O, so the table is tested directly.
enum APIRoute {
    /// What a request's method and path resolve to.
    enum Resolution {
        /// `call` names the deployment when the operation executes one (`POST` of
        /// `/dbs/{db}/deployments/{name}` or `/procedures/{name}`).
        case operation(APIOperation, call: DeploymentName?)
        /// The path exists, but not for this method; `allowed` lists the methods it takes.
        case methodNotAllowed(allowed: [String])
        case notFound
    }

    /// A deployment a request executes.
    struct DeploymentName: Hashable, Sendable {
        var database: String
        var name: String
    }

    /// Request bodies larger than this are rejected with 413.
    static let maximumBodyBytes = 64 << 20

    /// Resolves `method` (upper case; `HEAD` as `GET`) and `uri` (a query string is
    /// ignored; empty segments are skipped; each segment is percent-decoded).
    static func resolve(method: String, uri: String) -> Resolution {
        let segments = pathSegments(uri)
        let methods = routes(segments)
        guard !methods.isEmpty else { return .notFound }
        let wanted = method == "HEAD" ? "GET" : method
        guard let operation = methods.first(where: { $0.method == wanted })?.operation else {
            var allowed = methods.map(\.method)
            if allowed.contains("GET") { allowed.append("HEAD") }
            return .methodNotAllowed(allowed: allowed)
        }
        let executes =
            wanted == "POST" && segments.count == 4 && (segments[2] == "deployments" || segments[2] == "procedures")
        return .operation(operation, call: executes ? DeploymentName(database: segments[1], name: segments[3]) : nil)
    }

    /// The operations a path offers, by method; empty when no route has this path.
    private static func routes(_ path: [String]) -> [(method: String, operation: APIOperation)] {
        switch path.count {
        case 1:
            switch path[0] {
            case "health": return [("GET", { api, _ in api.health() })]
            case "metrics": return [("GET", { api, _ in api.renderMetrics() })]
            case "refresh": return [("POST", { api, _ in api.refresh() })]
            case "dbs": return [("GET", { api, _ in api.databases() })]
            default: return []
            }
        case 2 where path[0] == "dbs":
            let db = path[1]
            return [("POST", { api, body in api.query(in: db, body: body) })]
        case 3 where path[0] == "dbs" && path[2] == "tables":
            let db = path[1]
            return [("GET", { api, _ in api.tables(in: db) })]
        case 4 where path[0] == "dbs" && path[2] == "tables":
            let (db, table) = (path[1], path[3])
            return [
                ("GET", { api, _ in api.table(table, in: db) }),
                ("PUT", { api, body in api.insert(into: table, in: db, body: body) }),
            ]
        case 4 where path[0] == "dbs" && (path[2] == "deployments" || path[2] == "procedures"):
            let (db, name, legacy) = (path[1], path[3], path[2] == "procedures")
            return [
                ("POST", { api, body in api.executeDeployment(name, in: db, body: body, legacy: legacy) }),
                ("GET", { api, _ in api.deploymentInfo(name, in: db) }),
            ]
        default:
            return []
        }
    }

    /// `/dbs/my%20db/tables?x=1` → `["dbs", "my db", "tables"]`.
    static func pathSegments(_ uri: String) -> [String] {
        let path = uri.split(separator: "?", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        return path.split(separator: "/").map { raw in
            let text = String(raw)
            return text.removingPercentEncoding ?? text
        }
    }
}
