import Logging
import NIOCore
import ServiceLifecycle
import TideDB
import TideMetrics

/// The HTTP API server (OpenMLDB APIServer format, plus `/health` and `/metrics`) as a
/// swift-service-lifecycle `Service`: add it to a `ServiceGroup`, which runs it until
/// graceful shutdown.
///
///     let http = HTTPService(
///         database: database, metrics: metrics, host: "0.0.0.0", port: 9080, logger: logger,
///         onServerRunning: { port in logger.info("HTTP API on port \(port)") })
///     let group = ServiceGroup(services: [http, ...], logger: logger)
public struct HTTPService: Service {
    private let server: HTTPServer
    private let host: String
    private let logger: Logger
    private let onServerRunning: @Sendable (Int) async -> Void

    /// A server for `database` listening on `host:port` (port 0 picks a free port, which
    /// `onServerRunning` receives once the socket is bound).
    public init(
        database: Database, metrics: ServerMetrics, host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.server = HTTPServer(database: database, metrics: metrics, host: host, port: port)
        self.host = host
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Serves until graceful shutdown: then stops accepting, lets running requests finish
    /// and closes the connections.
    public func run() async throws {
        let channel = try await server.bind()
        let port = channel.localAddress?.port ?? 0
        logger.info("HTTP API listening", metadata: ["host": "\(host)", "port": "\(port)"])
        await onServerRunning(port)
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
        await server.shutdown()
        logger.info("HTTP API stopped")
    }
}
