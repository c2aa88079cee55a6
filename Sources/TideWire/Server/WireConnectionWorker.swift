import Dispatch
import Logging
import NIOCore
import NIOPosix
import TideCore
import TideDB
import TideMetrics
import TideNetworking

/// Runs one connection's protocol: the state machine, the session and its statements (which
/// block on RocksDB and the engines), one message at a time, in order, on the pool; the steps
/// of a short deployment call run on the event loop that read them (`isShortStep`).
///
/// `@unchecked Sendable`: every stored var is touched only by jobs of `queue`, which runs
/// them one at a time, in order, or by the thread holding the connection's turn.
final class WireConnectionWorker: @unchecked Sendable {
    let queue: ConnectionMailbox
    private let channel: any Channel
    /// Released when the connection closes, so that a shutting-down server holds no
    /// reference to the database once its connections are gone.
    private var database: Database?
    private let configuration: WireServerConfiguration
    private let registry: ConnectionRegistry
    private let metrics: ServerMetrics?
    private let logger: Logger
    /// The server's secret for the fake SCRAM salts of unknown users.
    private let mockSecret: [UInt8]
    private var machine = ConnectionStateMachine()
    private var session: WireSession?
    private var processID: Int32?
    private var pendingParameters: [String: String] = [:]
    private var scram: ScramAuthenticator?
    private var pending: ByteBuffer

    init(
        channel: any Channel, database: Database, configuration: WireServerConfiguration, registry: ConnectionRegistry,
        metrics: ServerMetrics?, logger: Logger, mockSecret: [UInt8], pool: NIOThreadPool, inFlight: InFlightJobs
    ) {
        self.channel = channel
        self.database = database
        self.configuration = configuration
        self.registry = registry
        self.metrics = metrics
        self.logger = logger
        self.mockSecret = mockSecret
        self.queue = ConnectionMailbox(pool: pool, inFlight: inFlight)
        self.pending = channel.allocator.buffer(capacity: 4096)
    }

    // MARK: - Start-up

    func startup(_ parameters: [String: String]) {
        switch machine.receive(.startup(parameters: parameters)) {
        case .authenticate(let parameters):
            pendingParameters = parameters
            let user = parameters["user"] ?? ""
            switch configuration.authentication {
            case .trust:
                accept(user: user)
            case .scram:
                let authenticator = ScramAuthenticator(
                    user: user, credential: database?.scramCredential(forUser: user), mockSecret: mockSecret)
                scram = authenticator
                write([authenticator.request], flush: true)
                queue.asyncAfter(Self.authenticationTimeout) { [weak self] in
                    self?.authenticationTimedOut()
                }
            }
        case .fail(let error): fail(error)
        case .refuseEncryption, .cancel: fail(WireProtocolError.malformed("unexpected start-up packet"))
        }
    }

    private func accept(user: String) {
        do {
            let session = try WireSession(
                database: database ?? { throw TideError(.adminShutdown, "the server is shutting down") }(),
                user: user, parameters: pendingParameters,
                serverVersion: configuration.serverVersion, metrics: metrics,
                statementTimeoutMs: configuration.statementTimeoutMs)
            guard let key = registry.register(interrupt: session.interrupt) else {
                fail(TideError("53300", "sorry, too many clients already"))
                return
            }
            self.session = session
            processID = key.processID
            machine.authenticated(true)
            metrics?.connectionOpened(protocol: "pgwire")
            write(
                [.authenticationOk] + session.startupMessages() + [
                    .backendKeyData(processID: key.processID, secretKey: key.secretKey), .readyForQuery(.idle),
                ], flush: true)
        } catch {
            fail(error as? TideError ?? TideError.internal(String(describing: error)))
        }
    }

    /// How long a client may take to finish SCRAM (PostgreSQL's `authentication_timeout`).
    static let authenticationTimeout = DispatchTimeInterval.seconds(60)

    /// Closes a connection still authenticating when its time is up.
    private func authenticationTimedOut() {
        guard scram != nil, !machine.isClosed else { return }
        scram = nil
        fail(TideError(.protocolViolation, "canceling authentication due to timeout"))
    }

    /// One SASL message of a SCRAM exchange.
    private func authenticate(_ bytes: [UInt8]) {
        guard var authenticator = scram else {
            fail(WireProtocolError.malformed("unexpected authentication response"))
            return
        }
        let action = authenticator.receive(bytes)
        scram = authenticator
        switch action {
        case .send(let message):
            write([message], flush: true)
        case .succeed(let final):
            scram = nil
            write([final], flush: false)
            accept(user: authenticator.user)
        case .fail(let error, let reason):
            scram = nil
            logger.notice(
                "PostgreSQL client authentication failed",
                metadata: ["user": "\(authenticator.user)", "reason": "\(reason)"])
            fail(error)
        }
    }

    // MARK: - Messages

    func receive(_ message: FrontendMessage) {
        switch machine.receive(message) {
        case .discard: return
        case .authenticate(let bytes): authenticate(bytes)
        case .readyForQuery: write([.readyForQuery(session?.transaction ?? .idle)], flush: true)
        case .close(let error):
            if let error { fail(error) } else { close() }
        case .process(let message):
            guard let session else { return }
            switch message {
            case .query(let sql):
                write(session.simpleQuery(sql), flush: true)
            case .flush:
                write([], flush: true)
            case .parse, .bind, .describe, .execute, .sync, .close, .copy, .terminate, .authenticationResponse:
                let (messages, failed) = session.extended(message)
                if failed { machine.extendedQueryFailed() }
                let flush: Bool
                if case .sync = message { flush = true } else { flush = false }
                write(messages, flush: flush)
            }
        }
    }

    /// True when `message` is a step of a short deployment call (`WireSession.isShortStep`);
    /// asked only by the thread that holds the connection's turn.
    func isShortStep(_ message: FrontendMessage) -> Bool {
        session?.isShortStep(message) ?? false
    }

    /// A protocol error from the decoder (malformed or oversized message).
    func protocolError(_ error: TideError) { fail(error) }

    // MARK: - Output

    private func write(_ messages: [BackendMessage], flush: Bool) {
        for message in messages { BackendMessageEncoder.encode(message, into: &pending) }
        if flush || pending.readableBytes > 1 << 18 {
            let buffer = pending
            pending = channel.allocator.buffer(capacity: 4096)
            if flush {
                channel.writeAndFlush(buffer, promise: nil)
            } else {
                channel.write(buffer, promise: nil)
            }
        }
    }

    /// Sends a FATAL error and closes.
    private func fail(_ error: TideError) {
        machine.close()
        write([.error(ErrorFields.from(error, severity: "FATAL"))], flush: true)
        close()
    }

    private func close() {
        machine.close()
        if pending.readableBytes > 0 { write([], flush: true) }
        channel.close(promise: nil)
    }

    /// The channel went away: forget the session.
    func channelClosed() {
        if let processID {
            registry.unregister(processID)
            metrics?.connectionClosed(protocol: "pgwire")
        }
        processID = nil
        session = nil
        database = nil
        machine.close()
    }
}
