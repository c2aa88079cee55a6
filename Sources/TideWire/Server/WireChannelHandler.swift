import Dispatch
import NIOCore
import NIOSSL
import TideCore
import TideNetworking

/// Frames the bytes of one connection into start-up packets and messages, answers SSL/GSS
/// requests and cancel requests directly, and hands everything else to the connection's
/// worker. Runs on the event loop; blocks it only for the steps of short deployment calls
/// (`ConnectionMailbox.run(_:inlineIf:)`), within an `InlineBudget`.
///
/// With a TLS context an SSLRequest is answered `S`, flushed, and a `NIOSSLServerHandler` is
/// put at the front of the pipeline before anything else is read: every byte after that
/// (the client's handshake first) goes through it. Without one, and for GSSENCRequest, the
/// answer is `N` and the client goes on in plain text.
final class WireChannelHandler: ChannelInboundHandler {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private let worker: WireConnectionWorker
    private let registry: ConnectionRegistry
    private let maxMessageBytes: Int
    private let tls: NIOSSLContext?
    private var buffer: ByteBuffer?
    private var startedUp = false
    private var failed = false
    /// Bounds how long a client pipelining short calls keeps this event loop to itself.
    private var inlineBudget = InlineBudget()
    /// TLS was negotiated: a second SSLRequest is a protocol violation.
    private var secured = false

    init(worker: WireConnectionWorker, registry: ConnectionRegistry, maxMessageBytes: Int, tls: NIOSSLContext?) {
        self.worker = worker
        self.registry = registry
        self.maxMessageBytes = maxMessageBytes
        self.tls = tls
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
        do throws(TideError) {
            while !failed {
                if startedUp {
                    guard let message = try FrontendMessageParser.parse(&bytes, maxLength: maxMessageBytes) else {
                        return
                    }
                    let worker = self.worker
                    let ranInline = worker.queue.run(
                        { worker.receive(message) }, inlineIf: { worker.isShortStep(message) && inlineBudget.allows() })
                    if ranInline { inlineBudget.ran() }
                } else {
                    guard let packet = try FrontendMessageParser.parseStartup(&bytes, maxLength: 10_000) else { return }
                    switch packet {
                    case .sslRequest:
                        guard !secured else { throw WireProtocolError.malformed("SSLRequest after TLS was negotiated") }
                        guard let tls else {
                            answer("N", context: context)
                            continue
                        }
                        // Clients wait for the answer before they start the handshake; bytes
                        // already here were sent in plain text and cannot be trusted.
                        guard bytes.readableBytes == 0 else {
                            throw WireProtocolError.malformed("data after SSLRequest before the TLS handshake")
                        }
                        startTLS(tls, context: context)
                        return
                    case .gssEncryptionRequest:
                        answer("N", context: context)
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

    /// Answers an SSL or GSS request with one byte: `S` (TLS follows) or `N` (plain text).
    private func answer(_ letter: Unicode.Scalar, context: ChannelHandlerContext) {
        var answer = context.channel.allocator.buffer(capacity: 1)
        answer.writeInteger(UInt8(ascii: letter))
        context.writeAndFlush(wrapOutboundOut(answer), promise: nil)
    }

    /// Sends `S`, then puts TLS in front of this handler. The `S` is already past the head of
    /// the pipeline when the TLS handler is added, so it goes out in plain text; everything
    /// after it, both ways, goes through TLS.
    private func startTLS(_ tls: NIOSSLContext, context: ChannelHandlerContext) {
        secured = true
        answer("S", context: context)
        do {
            try context.pipeline.syncOperations.addHandler(NIOSSLServerHandler(context: tls), position: .first)
        } catch {
            failed = true
            context.close(promise: nil)
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
