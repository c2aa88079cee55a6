import NIOCore
import NIOPosix

extension ServerBootstrap {
    /// A bootstrap for a server's client connections, as both front ends listen: a backlog
    /// of 256, the address reusable at once after a restart, and Nagle's algorithm off (a
    /// request's answer goes out when it is written, not after a delayed ACK).
    public static func forClients(group: any EventLoopGroup) -> ServerBootstrap {
        ServerBootstrap(group: group)
            .serverChannelOption(.backlog, value: 256)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelOption(.socketOption(.tcp_nodelay), value: 1)
    }
}
