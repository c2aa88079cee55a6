import Logging
import NIOCore
import ServiceLifecycle
import TideWire

/// The PostgreSQL protocol as a lifecycle service: listens until graceful shutdown, then
/// stops accepting and lets running statements finish.
struct WireService: Service {
    let server: WireServer
    let logger: Logger
    /// Told the bound port once listening.
    let onListening: @Sendable (Int) -> Void

    func run() async throws {
        let channel = try await server.bind()
        let port = channel.localAddress?.port ?? server.configuration.port
        logger.info(
            "PostgreSQL protocol listening", metadata: ["host": "\(server.configuration.host)", "port": "\(port)"])
        onListening(port)
        try await withGracefulShutdownHandler {
            try await channel.closeFuture.get()
        } onGracefulShutdown: {
            channel.close(promise: nil)
        }
        await server.shutdown()
        logger.info("PostgreSQL protocol stopped")
    }
}
