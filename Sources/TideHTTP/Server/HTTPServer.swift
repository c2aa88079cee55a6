import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import TideCore
import TideDB
import TideMetrics
import TideNetworking

/// The HTTP/1.1 server of the API: NIO's HTTP codec and pipelining assistance, then one
/// `HTTPConnectionHandler` per connection. Operations run on the shared statement pool,
/// except calls of deployments that have proven short, which run on the event loop.
final class HTTPServer: Sendable {
    private let api: APIHandler
    private let metrics: ServerMetrics
    private let host: String
    private let port: Int
    private let group: any EventLoopGroup
    private let pool: NIOThreadPool
    private let inFlight = InFlightJobs()
    private let children = ChildChannels()
    private let date = HTTPDate()

    init(
        database: Database, metrics: ServerMetrics, host: String, port: Int,
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton, pool: NIOThreadPool = .singleton
    ) {
        self.api = APIHandler(database: database, metrics: metrics)
        self.metrics = metrics
        self.host = host
        self.port = port
        self.group = group
        self.pool = pool
    }

    /// Binds the listening socket; the returned channel's local address has the real port.
    /// - Throws: `58030` when the address cannot be bound.
    func bind() async throws -> any Channel {
        let (api, metrics, pool, inFlight, children, date) = (
            self.api, self.metrics, self.pool, self.inFlight, self.children, self.date
        )
        do {
            return try await ServerBootstrap.forClients(group: group)
                .childChannelInitializer { channel in
                    children.add(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        try pipeline.addHandler(ConnectionCounter(metrics: metrics))
                        try pipeline.configureHTTPServerPipeline(
                            withPipeliningAssistance: true, withErrorHandling: true)
                        try pipeline.addHandler(
                            HTTPConnectionHandler(api: api, pool: pool, inFlight: inFlight, date: date))
                    }
                }
                .bind(host: host, port: port)
                .get()
        } catch {
            throw TideError(.ioError, "cannot listen for HTTP clients on \(host):\(port): \(error)")
        }
    }

    /// Graceful shutdown, once the listening socket is closed: lets the requests running now
    /// finish and their replies be written, then closes every connection.
    func shutdown() async {
        await inFlight.waitUntilIdle()
        await children.closeAll()
        await inFlight.waitUntilIdle()
    }
}
