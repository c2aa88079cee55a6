import Hummingbird
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
    private let database: Database
    private let metrics: ServerMetrics
    private let host: String
    private let port: Int
    private let logger: Logger
    private let onServerRunning: @Sendable (Int) async -> Void

    /// A server for `database` listening on `host:port` (port 0 picks a free port, which
    /// `onServerRunning` receives once the socket is bound).
    public init(
        database: Database, metrics: ServerMetrics, host: String, port: Int, logger: Logger,
        onServerRunning: @escaping @Sendable (_ port: Int) async -> Void = { _ in }
    ) {
        self.database = database
        self.metrics = metrics
        self.host = host
        self.port = port
        self.logger = logger
        self.onServerRunning = onServerRunning
    }

    /// Serves until the task is cancelled or graceful shutdown is triggered.
    public func run() async throws {
        try await makeApplication().run()
    }

    /// The Hummingbird application (itself a `Service`).
    func makeApplication() -> some ApplicationProtocol {
        let api = APIHandler(database: database, metrics: metrics)
        let metrics = self.metrics
        let onServerRunning = self.onServerRunning
        return Application(
            router: APIRoutes.router(api),
            server: .http1(configuration: .init(additionalChannelHandlers: [ConnectionCounter(metrics: metrics)])),
            configuration: ApplicationConfiguration(address: .hostname(host, port: port), serverName: "TideDB"),
            onServerRunning: { channel in await onServerRunning(channel.localAddress?.port ?? 0) },
            logger: logger)
    }
}
