import Foundation
import Hummingbird
import NIOPosix

/// The routes of the OpenMLDB APIServer-compatible API plus `/health` and `/metrics`.
/// Handlers read the body, then run the `APIHandler` operation on NIO's blocking thread
/// pool (sessions and RocksDB block; the event loops and the Swift concurrency pool must
/// not). Unknown paths get Hummingbird's 404.
enum APIRoutes {
    /// Request bodies larger than this are rejected.
    static let maximumBodyBytes = 64 << 20

    /// A router with every route bound to `api`.
    static func router(_ api: APIHandler) -> Router<BasicRequestContext> {
        let router = Router()
        router.get("/health") { _, _ in await run(api) { $0.health() } }
        router.get("/metrics") { _, _ in await run(api) { $0.renderMetrics() } }
        router.post("/refresh") { _, _ in await run(api) { $0.refresh() } }
        router.get("/dbs") { _, _ in await run(api) { $0.databases() } }
        router.post("/dbs/:db") { request, context in
            let db = parameter(context, "db")
            return await withBody(request, api) { api, body in api.query(in: db, body: body) }
        }
        router.get("/dbs/:db/tables") { _, context in
            let db = parameter(context, "db")
            return await run(api) { $0.tables(in: db) }
        }
        router.get("/dbs/:db/tables/:table") { _, context in
            let (db, table) = (parameter(context, "db"), parameter(context, "table"))
            return await run(api) { $0.table(table, in: db) }
        }
        router.put("/dbs/:db/tables/:table") { request, context in
            let (db, table) = (parameter(context, "db"), parameter(context, "table"))
            return await withBody(request, api) { api, body in api.insert(into: table, in: db, body: body) }
        }
        for (kind, legacy) in [("deployments", false), ("procedures", true)] {
            router.post("/dbs/:db/\(kind)/:name") { request, context in
                let (db, name) = (parameter(context, "db"), parameter(context, "name"))
                return await withBody(request, api) { api, body in
                    api.executeDeployment(name, in: db, body: body, legacy: legacy)
                }
            }
            router.get("/dbs/:db/\(kind)/:name") { _, context in
                let (db, name) = (parameter(context, "db"), parameter(context, "name"))
                return await run(api) { $0.deploymentInfo(name, in: db) }
            }
        }
        return router
    }

    /// A path parameter, percent-decoded.
    private static func parameter(_ context: BasicRequestContext, _ name: String) -> String {
        let raw = context.parameters.get(name) ?? ""
        return raw.removingPercentEncoding ?? raw
    }

    /// Collects the body, then runs `operation` off the event loop.
    private static func withBody(
        _ request: Request, _ api: APIHandler, _ operation: @escaping @Sendable (APIHandler, [UInt8]) -> APIReply
    ) async -> Response {
        let body: [UInt8]
        do {
            let buffer = try await request.body.collect(upTo: maximumBodyBytes)
            body = Array(buffer.readableBytesView)
        } catch {
            return response(.failure("cannot read the request body: \(error)"))
        }
        return await run(api) { operation($0, body) }
    }

    /// Runs `operation` on the blocking thread pool.
    private static func run(_ api: APIHandler, _ operation: @escaping @Sendable (APIHandler) -> APIReply) async
        -> Response
    {
        do {
            return response(try await NIOThreadPool.singleton.runIfActive { operation(api) })
        } catch {
            return response(.failure("the server is shutting down"))
        }
    }

    private static func response(_ reply: APIReply) -> Response {
        let buffer = ByteBuffer(string: reply.body)
        var headers = HTTPFields()
        headers[.contentType] = reply.contentType
        headers[.contentLength] = String(buffer.readableBytes)
        return Response(
            status: HTTPResponse.Status(code: reply.status), headers: headers, body: .init(byteBuffer: buffer))
    }
}
