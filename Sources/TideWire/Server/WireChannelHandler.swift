import Dispatch
import NIOCore
import TideCore

/// Frames the bytes of one connection into start-up packets and messages, answers SSL/GSS
/// requests with `N` and cancel requests directly, and hands everything else to the
/// connection's worker. Runs on the event loop; never blocks.
final class WireChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let worker: WireConnectionWorker
    private let registry: ConnectionRegistry
    private let maxMessageBytes: Int
    private var buffer: ByteBuffer?
    private var startedUp = false
    private var failed = false

    init(worker: WireConnectionWorker, registry: ConnectionRegistry, maxMessageBytes: Int) {
        self.worker = worker
        self.registry = registry
        self.maxMessageBytes = maxMessageBytes
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var incoming = unwrapInboundIn(data)
        guard !failed else { return }
        if buffer == nil {
            buffer = incoming
        } else {
            buffer?.writeBuffer(&incoming)
        }
        drain(context: context)
    }

    private func drain(context: ChannelHandlerContext) {
        guard var bytes = buffer else { return }
        buffer = nil
        defer {
            if bytes.readableBytes > 0 {
                bytes.discardReadBytes()
                buffer = bytes
            }
        }
        do {
            while !failed {
                if startedUp {
                    guard let message = try FrontendMessageParser.parse(&bytes, maxLength: maxMessageBytes) else {
                        return
                    }
                    let worker = self.worker
                    worker.queue.async { worker.receive(message) }
                } else {
                    guard let packet = try FrontendMessageParser.parseStartup(&bytes, maxLength: 10_000) else { return }
                    switch packet {
                    case .sslRequest, .gssEncryptionRequest:
                        var answer = context.channel.allocator.buffer(capacity: 1)
                        answer.writeInteger(UInt8(ascii: "N"))
                        context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
                    case .cancel(let pid, let key):
                        registry.cancel(processID: pid, secretKey: key)
                        failed = true
                        context.close(promise: nil)
                    case .startup(let parameters):
                        startedUp = true
                        let worker = self.worker
                        worker.queue.async { worker.startup(parameters) }
                    }
                }
            }
        } catch {
            // Malformed framing: report and close; the connection cannot be resynchronized.
            failed = true
            bytes.clear()
            let worker = self.worker
            worker.queue.async { worker.protocolError(error) }
        }
    }

    func channelInactive(context: ChannelHandlerContext) {
        let worker = self.worker
        worker.queue.async { worker.channelClosed() }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        context.close(promise: nil)
    }
}
