import NIOCore
import NIOHTTP1
import NIOPosix
import TideDB
import TideNetworking

/// One HTTP connection's requests: collects each request's body, runs its API operation on
/// the statement thread pool (the same FIFO pool as the PostgreSQL protocol's statements,
/// so the two protocols take turns), and writes the reply back on the event loop. Calls of
/// a deployment whose calls are short run right here instead (`isShort`, `InlineBudget`).
///
/// Sits after NIO's HTTP/1.1 server pipeline with pipelining assistance, which hands over
/// one request at a time and holds the next until this one's reply has ended; keep-alive
/// follows the request (`Connection`, HTTP/1.0 or 1.1).
final class HTTPConnectionHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = HTTPServerRequestPart
    typealias OutboundOut = HTTPServerResponsePart

    private enum State {
        /// Waiting for a request head.
        case idle
        /// Collecting the body of a request whose route was found.
        case receiving(HTTPRequestHead, APIOperation, call: APIRoute.DeploymentName?, body: ByteBuffer)
        /// Skipping the body of a request whose answer is already known (unknown path or method).
        case skipping(HTTPRequestHead, APIReply)
        /// The reply was sent before the whole request arrived (body too large); the
        /// connection closes once it is written.
        case rejected
        /// The operation runs on the pool; its reply is written when it finishes.
        case running
    }

    private let api: APIHandler
    private let pool: NIOThreadPool
    private let inFlight: InFlightJobs
    private let date: HTTPDate
    private var state = State.idle
    /// Bounds how long a client pipelining short calls keeps this event loop to itself.
    private var inlineBudget = InlineBudget()

    init(api: APIHandler, pool: NIOThreadPool, inFlight: InFlightJobs, date: HTTPDate) {
        self.api = api
        self.pool = pool
        self.inFlight = inFlight
        self.date = date
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        switch unwrapInboundIn(data) {
        case .head(let head):
            received(head, context: context)
        case .body(var chunk):
            guard case .receiving(let head, let operation, let call, var body) = state else { return }
            guard body.readableBytes + chunk.readableBytes <= APIRoute.maximumBodyBytes else {
                reject(head, context: context)
                return
            }
            state = .idle  // lets `body` be appended to without a copy
            body.writeBuffer(&chunk)
            state = .receiving(head, operation, call: call, body: body)
        case .end:
            switch state {
            case .receiving(let head, let operation, let call, let body):
                let bytes = Array(body.readableBytesView)
                if let call, isShort(call, bodyBytes: bytes.count), inlineBudget.allows() {
                    state = .idle
                    let reply = operation(api, bytes)
                    inlineBudget.ran()
                    respond(reply, to: head, context: context)
                } else {
                    run(operation, head: head, body: bytes, context: context)
                }
            case .skipping(let head, let reply):
                state = .idle
                respond(reply, to: head, context: context)
            case .idle, .rejected, .running:
                break
            }
        }
    }

    /// A request NIO cannot parse (it has already answered 400) or a socket error: the
    /// connection is closed; a running operation still finishes, its reply goes nowhere.
    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }

    /// Resolves the route of a new request; answers at once when the body is too large.
    private func received(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        switch APIRoute.resolve(method: head.method.rawValue, uri: head.uri) {
        case .notFound:
            var reply = APIReply.failure("no such endpoint: \(head.method.rawValue) \(head.uri)")
            reply.status = 404
            state = .skipping(head, reply)
        case .methodNotAllowed(let allowed):
            let methods = allowed.joined(separator: ", ")
            var reply = APIReply.failure("\(head.method.rawValue) is not allowed on \(head.uri); it takes \(methods)")
            reply.status = 405
            reply.headers = ["Allow": methods]
            state = .skipping(head, reply)
        case .operation(let operation, let call):
            let declared = head.headers.first(name: "content-length").flatMap { Int($0) } ?? 0
            guard declared <= APIRoute.maximumBodyBytes else {
                reject(head, context: context)
                return
            }
            if head.headers[canonicalForm: "expect"].contains(where: { $0.lowercased() == "100-continue" }) {
                let proceed = HTTPResponseHead(version: head.version, status: .continue)
                context.writeAndFlush(wrapOutboundOut(.head(proceed)), promise: nil)
            }
            state = .receiving(
                head, operation, call: call, body: context.channel.allocator.buffer(capacity: max(0, declared)))
        }
    }

    /// True when a call of `call` may run right here on the event loop: the deployment is
    /// compiled and its recent calls were short (`DeploymentCallTimes`), and the body is
    /// small. That saves the two thread hand-offs of the pool (~30 µs on this machine) on
    /// exactly the calls a feature service makes; anything else, or a deployment that was
    /// slow lately, goes to the pool so it cannot hold up this loop's other connections.
    private func isShort(_ call: APIRoute.DeploymentName, bodyBytes: Int) -> Bool {
        bodyBytes <= Self.inlineBodyBytes && api.deployments.hasShortCalls(call.name, in: call.database)
    }

    /// The largest body a call run on the event loop may have (a few request rows).
    static let inlineBodyBytes = 16 << 10

    /// Answers 413 and closes: the rest of the body is never read.
    private func reject(_ head: HTTPRequestHead, context: ChannelHandlerContext) {
        state = .rejected
        let reply = APIReply.failure("the request body is larger than \(APIRoute.maximumBodyBytes) bytes")
        respond(APIReply(status: 413, body: reply.body, failed: true), to: head, context: context, close: true)
    }

    /// Runs `operation` on the pool, then writes its reply on this connection's event loop.
    private func run(
        _ operation: @escaping APIOperation, head: HTTPRequestHead, body: [UInt8], context: ChannelHandlerContext
    ) {
        state = .running
        inFlight.begin()
        let api = self.api
        let inFlight = self.inFlight
        let eventLoop = context.eventLoop
        let connection = NIOLoopBound((handler: self, context: context), eventLoop: eventLoop)
        pool.submit { poolState in
            let reply =
                poolState == .active
                ? operation(api, body)
                : APIReply(status: 503, body: APIReply.failure("the server is shutting down").body)
            eventLoop.execute {
                let (handler, context) = connection.value
                handler.state = .idle
                handler.respond(reply, to: head, context: context)
                inFlight.end()
            }
        }
    }

    /// Writes `reply` as the answer to `head` (no body for `HEAD`), closing the connection
    /// after it when the client asked for that or `close` is set.
    private func respond(
        _ reply: APIReply, to head: HTTPRequestHead, context: ChannelHandlerContext, close: Bool = false
    ) {
        let keepAlive = head.isKeepAlive && !close
        let body = context.channel.allocator.buffer(string: reply.body)
        var headers = HTTPHeaders()
        headers.reserveCapacity(6 + reply.headers.count)
        headers.add(name: "Content-Type", value: reply.contentType)
        headers.add(name: "Content-Length", value: String(body.readableBytes))
        headers.add(name: "Date", value: date.now())
        headers.add(name: "Server", value: "TideDB")
        for (name, value) in reply.headers.sorted(by: { $0.key < $1.key }) { headers.add(name: name, value: value) }
        if !keepAlive {
            headers.add(name: "Connection", value: "close")
        } else if head.version.minor == 0 {
            headers.add(name: "Connection", value: "keep-alive")
        }
        let version = head.version.major == 1 && head.version.minor == 0 ? HTTPVersion.http1_0 : .http1_1
        context.write(
            wrapOutboundOut(
                .head(HTTPResponseHead(version: version, status: .init(statusCode: reply.status), headers: headers))),
            promise: nil)
        if head.method != .HEAD {
            context.write(wrapOutboundOut(.body(.byteBuffer(body))), promise: nil)
        }
        guard !keepAlive else {
            context.writeAndFlush(wrapOutboundOut(.end(nil)), promise: nil)
            return
        }
        let loopBound = context.loopBound
        context.writeAndFlush(wrapOutboundOut(.end(nil))).whenComplete { _ in
            loopBound.value.close(promise: nil)
        }
    }
}
