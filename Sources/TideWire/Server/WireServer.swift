import Dispatch
import Logging
import NIOCore
import NIOPosix
import TideCore
import TideDB
import TideMetrics
import TideNetworking

/// The PostgreSQL wire protocol server: accepts connections on the configured address and
/// gives each its own session. Statements run on a dispatch queue per connection, never on
/// the event loop.
public final class WireServer: Sendable {
    public let configuration: WireServerConfiguration
    private let database: Database
    private let metrics: ServerMetrics?
    private let logger: Logger
    private let registry: ConnectionRegistry
    private let group: any EventLoopGroup
    /// Secret of this server process for the fake SCRAM salts of unknown users.
    private let mockSecret = ScramCredential.randomBytes(32)
    /// Where statements run: the process's shared thread pool (the HTTP API uses it too),
    /// one job per connection at a time, taking turns.
    private let pool: NIOThreadPool
    /// Jobs queued or running, which shutdown waits for.
    private let inFlight = InFlightJobs()
    /// The open client connections, closed at shutdown.
    private let children = ChildChannels()

    public init(
        database: Database, configuration: WireServerConfiguration, metrics: ServerMetrics? = nil,
        logger: Logger = Logger(label: "tide.wire"), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        pool: NIOThreadPool = .singleton
    ) {
        self.pool = pool
        self.database = database
        self.configuration = configuration
        self.metrics = metrics
        self.logger = logger
        self.registry = ConnectionRegistry(limit: configuration.maxConnections)
        self.group = group
    }

    /// Binds the listening socket; the returned channel's local address has the real port.
    /// Throws `58030` if the TLS certificate or key cannot be loaded, or the address bound.
    public func bind() async throws -> any Channel {
        let tls = try configuration.tls?.makeContext()
        let mockSecret = self.mockSecret
        let database = self.database
        let configuration = self.configuration
        let registry = self.registry
        let metrics = self.metrics
        let logger = self.logger
        let pool = self.pool
        let inFlight = self.inFlight
        let children = self.children
        do {
            return try await ServerBootstrap.forClients(group: group)
                .childChannelInitializer { channel in
                    let worker = WireConnectionWorker(
                        channel: channel, database: database, configuration: configuration, registry: registry,
                        metrics: metrics, logger: logger, mockSecret: mockSecret, pool: pool, inFlight: inFlight)
                    let handler = WireChannelHandler(
                        worker: worker, registry: registry, maxMessageBytes: configuration.maxMessageBytes, tls: tls)
                    children.add(channel)
                    return channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(handler)
                    }
                }
                .bind(host: configuration.host, port: configuration.port)
                .get()
        } catch {
            throw TideError(
                .ioError,
                "cannot listen for PostgreSQL clients on \(configuration.host):\(configuration.port): \(error)")
        }
    }

    /// Connections open now.
    public var openConnections: Int { registry.count }
}

extension WireServer {
    /// Graceful shutdown, once the listening socket is closed: lets the statements running
    /// now finish, closes every client connection, and waits until their sessions are gone,
    /// so that nothing of the server uses the database any more when this returns.
    public func shutdown() async {
        await barrier()
        await children.closeAll()
        await barrier()
    }

    /// Waits until no connection job is queued or running.
    private func barrier() async {
        await inFlight.waitUntilIdle()
    }
}
