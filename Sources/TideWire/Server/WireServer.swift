import Dispatch
import Logging
import NIOCore
import NIOPosix
import TideCore
import TideDB
import TideMetrics

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
    let work = DispatchQueue(label: "tide.wire.statements", attributes: .concurrent)
    /// The open client connections, closed at shutdown.
    private let children = ChildChannels()

    public init(
        database: Database, configuration: WireServerConfiguration, metrics: ServerMetrics? = nil,
        logger: Logger = Logger(label: "tide.wire"), group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
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
        let work = self.work
        let children = self.children
        do {
            return try await ServerBootstrap(group: group)
                .serverChannelOption(.backlog, value: 256)
                .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
                .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
                .childChannelInitializer { channel in
                    let worker = WireConnectionWorker(
                        channel: channel, database: database, configuration: configuration, registry: registry,
                        metrics: metrics, logger: logger, mockSecret: mockSecret, target: work)
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

    /// Waits for the work queued so far (statements, connection clean-up) to finish.
    private func barrier() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            work.async(flags: .barrier) { continuation.resume() }
        }
    }
}
