import NIOCore
import TideMetrics

/// Counts open HTTP connections in `tide_open_connections{protocol="http"}`: one handler
/// per connection's pipeline, counted when added and uncounted when the pipeline is torn
/// down (the channel closed). Passes every message through untouched.
final class ConnectionCounter: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = NIOAny

    private let metrics: ServerMetrics
    private var counted = false

    init(metrics: ServerMetrics) {
        self.metrics = metrics
    }

    func handlerAdded(context: ChannelHandlerContext) {
        guard !counted else { return }
        counted = true
        metrics.connectionOpened(protocol: "http")
    }

    func handlerRemoved(context: ChannelHandlerContext) {
        guard counted else { return }
        counted = false
        metrics.connectionClosed(protocol: "http")
    }
}
