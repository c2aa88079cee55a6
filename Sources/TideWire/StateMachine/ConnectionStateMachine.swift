import TideCore

/// The life of one connection as the protocol defines it, with no I/O: start-up (and the
/// SSL/GSS refusals), authentication, the ready state, and the extended-query rule that
/// after an error every message up to the next Sync is discarded.
///
/// ```
///  awaitingStartup ──SSLRequest──► (answer 'N') ──► awaitingStartup
///        │ StartupMessage
///        ▼
///  authenticating ──password/SASL ok──► ready ◄──────── Sync ───────┐
///        │ bad password                   │ extended message fails  │
///        ▼                                ▼                          │
///      closed ◄──── Terminate ─────── skippingUntilSync ─────────────┘
/// ```
public struct ConnectionStateMachine: Sendable {
    enum State: Sendable, Hashable {
        case awaitingStartup
        case authenticating
        case ready
        case skippingUntilSync
        case closed
    }

    private(set) var state: State = .awaitingStartup

    public init() {}

    /// What to do with a start-up packet.
    public enum StartupAction: Sendable, Equatable {
        /// Answer an SSL or GSS request with `N` and wait for the real start-up packet.
        case refuseEncryption
        /// Authenticate this user for this database.
        case authenticate(parameters: [String: String])
        /// Cancel the statement running on the connection with this key, then close.
        case cancel(processID: Int32, secretKey: Int32)
        /// Send the error and close.
        case fail(TideError)
    }

    public mutating func receive(_ packet: StartupPacket) -> StartupAction {
        guard state == .awaitingStartup else {
            state = .closed
            return .fail(WireProtocolError.malformed("start-up packet after start-up"))
        }
        switch packet {
        case .sslRequest, .gssEncryptionRequest: return .refuseEncryption
        case .cancel(let pid, let key):
            state = .closed
            return .cancel(processID: pid, secretKey: key)
        case .startup(let parameters):
            guard parameters["user"] != nil else {
                state = .closed
                return .fail(TideError("28000", "no PostgreSQL user name specified in startup packet"))
            }
            state = .authenticating
            return .authenticate(parameters: parameters)
        }
    }

    /// Authentication finished; `accepted` false closes the connection.
    public mutating func authenticated(_ accepted: Bool) {
        state = accepted ? .ready : .closed
    }

    /// What to do with a message after start-up.
    public enum MessageAction: Sendable, Equatable {
        /// Run it (the session answers).
        case process(FrontendMessage)
        /// An authentication step's bytes.
        case authenticate([UInt8])
        /// Drop it: an earlier extended-query message failed and no Sync came yet.
        case discard
        /// Send ReadyForQuery (a Sync while skipping).
        case readyForQuery
        /// Close the connection, after sending the error if there is one.
        case close(TideError?)
    }

    public mutating func receive(_ message: FrontendMessage) -> MessageAction {
        switch state {
        case .closed: return .discard
        case .awaitingStartup:
            state = .closed
            return .close(WireProtocolError.malformed("message before start-up"))
        case .authenticating:
            if case .authenticationResponse(let bytes) = message { return .authenticate(bytes) }
            if case .terminate = message {
                state = .closed
                return .close(nil)
            }
            state = .closed
            return .close(WireProtocolError.malformed("expected an authentication response"))
        case .skippingUntilSync:
            switch message {
            case .sync:
                state = .ready
                return .readyForQuery
            case .terminate:
                state = .closed
                return .close(nil)
            case .query, .parse, .bind, .describe, .execute, .flush, .close, .authenticationResponse, .copy:
                return .discard
            }
        case .ready:
            switch message {
            case .terminate:
                state = .closed
                return .close(nil)
            case .authenticationResponse:
                state = .closed
                return .close(WireProtocolError.malformed("unexpected authentication response"))
            case .copy:
                return .process(message)
            case .query, .parse, .bind, .describe, .execute, .sync, .flush, .close:
                return .process(message)
            }
        }
    }

    /// An extended-query message failed: discard until Sync.
    public mutating func extendedQueryFailed() {
        if state == .ready { state = .skippingUntilSync }
    }

    /// The connection is going away.
    public mutating func close() { state = .closed }

    public var isClosed: Bool { state == .closed }
}
