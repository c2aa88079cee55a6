import Logging
import NIOCore
import ServiceLifecycle
import TideCore
import TideDB
import TideHTTP
import TideKafka
import TideMetrics
import TideSpark
import TideWire
import UnixSignals

/// `tide serve`: one process holding the data directory and serving the PostgreSQL wire
/// protocol and the HTTP API until SIGTERM or SIGINT, then shutting down gracefully
/// (stop accepting, let running statements finish, close RocksDB).
public enum TideServerApp {
    /// Where the server listens once it is up.
    public struct Listening: Sendable {
        public var pgPort: Int?
        public var httpPort: Int?
    }

    /// Process-wide set-up, once, before `run`: logs go to standard error (standard output
    /// carries only the line saying where the server listens), and the shared thread pool
    /// where statements of both protocols run gets 2 threads per core (at least 4): enough
    /// that one long statement does not hold up short feature requests, few enough that
    /// CPU-bound requests do not thrash (8 threads on 2 cores cut HTTP throughput by a
    /// quarter in the load benchmark).
    public static func bootstrapProcess() {
        LoggingSystem.bootstrap(StreamLogHandler.standardError)
        NIOSingletons.blockingPoolThreadCountSuggestion = max(4, 2 * System.coreCount)
    }

    /// Runs the server until a shutdown signal; `onReady` is called once both protocols listen.
    /// Returns once the database is closed (RocksDB flushed and unlocked).
    public static func run(
        _ configuration: ServerConfiguration, version: String,
        onReady: @escaping @Sendable (Listening) -> Void = { _ in }
    ) async throws {
        var logger = Logger(label: "tide")
        logger.logLevel = Logger.Level(rawValue: configuration.logLevel) ?? .info
        let closed = try await serve(configuration, version: version, logger: logger, onReady: onReady)
        // The services are gone; the last references to the database go with their
        // connections' clean-up. Wait for them, so RocksDB closes before the process exits.
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(30)
        while !closed.isClosed, clock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        if closed.isClosed {
            logger.info("TideDB stopped; data directory closed")
        } else {
            logger.error("TideDB stopped, but the data directory was still in use after 30 s")
        }
    }

    /// Runs the services; returns a probe that tells when the database has been released.
    private static func serve(
        _ configuration: ServerConfiguration, version: String, logger: Logger,
        onReady: @escaping @Sendable (Listening) -> Void
    ) async throws -> DatabaseReleaseProbe {
        let tls = try configuration.tls()
        try tls?.validate()
        let authentication = configuration.authentication
        let database = try Database(directory: configuration.dataDirectory, readOnly: configuration.readOnly)
        // Connectors write; a read-only server runs none.
        if !configuration.readOnly { database.installConnectors(KafkaConnectors(database: database)) }
        try database.installSparkEngine()
        defer { database.stopConnectors() }
        logger.info(
            "TideDB \(version) serving",
            metadata: [
                "data": "\(configuration.dataDirectory)", "auth": "\(authentication.rawValue)",
                "tls": "\(tls == nil ? "off" : "on")", "read_only": "\(configuration.readOnly)",
            ])
        if configuration.trustsRemoteClients {
            logger.warning(
                "PostgreSQL clients are trusted without a password on a non-loopback address",
                metadata: ["host": "\(configuration.host)", "hint": "use --auth scram and CREATE USER"])
        }
        if authentication == .scram, database.userNames().isEmpty {
            logger.warning(
                "SCRAM authentication is on but there are no users yet: no PostgreSQL client can log in",
                metadata: ["hint": "create one first: echo \"CREATE USER ...\" | tide run --data DIR -"])
        }
        let metrics = ServerMetrics()
        let wire = WireServer(
            database: database,
            configuration: WireServerConfiguration(
                host: configuration.host, port: configuration.pgPort, maxMessageBytes: configuration.maxMessageBytes,
                maxConnections: configuration.maxConnections, authentication: authentication,
                serverVersion: "15.0 (TideDB \(version))",
                statementTimeoutMs: Int64(configuration.statementTimeoutMs), tls: tls),
            metrics: metrics, logger: logger)
        let ready = ReadinessTracker(onReady: onReady)
        let wireService = WireService(server: wire, logger: logger) { port in ready.pg(port) }
        let http = HTTPService(
            database: database, metrics: metrics, host: configuration.host, port: configuration.httpPort,
            logger: logger, onServerRunning: { port in ready.http(port) })
        let group = ServiceGroup(
            configuration: ServiceGroupConfiguration(
                services: [
                    .init(service: wireService, successTerminationBehavior: .gracefullyShutdownGroup),
                    .init(service: http, successTerminationBehavior: .gracefullyShutdownGroup),
                ],
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        try await group.run()
        return DatabaseReleaseProbe(database)
    }
}
