/// How the PostgreSQL wire server listens and what it allows.
public struct WireServerConfiguration: Sendable, Hashable {
    /// Address to bind; loopback unless configured otherwise.
    public var host: String
    /// TCP port; 0 picks a free one (tests).
    public var port: Int
    /// Largest message a client may send, in bytes.
    public var maxMessageBytes: Int
    /// Connections served at once; past it new ones get 53300.
    public var maxConnections: Int
    /// How clients prove who they are.
    public var authentication: WireAuthentication
    /// Reported as `server_version`.
    public var serverVersion: String
    /// Default `@@statement_timeout_ms` of every session (0: none).
    public var statementTimeoutMs: Int64
    /// The certificate and key that let clients upgrade to TLS; nil answers every
    /// SSLRequest with `N`.
    public var tls: WireTLSConfiguration?

    public init(
        host: String = "127.0.0.1", port: Int = 5433, maxMessageBytes: Int = 64 << 20, maxConnections: Int = 256,
        authentication: WireAuthentication = .trust, serverVersion: String = "15.0 (TideDB)",
        statementTimeoutMs: Int64 = 0, tls: WireTLSConfiguration? = nil
    ) {
        self.statementTimeoutMs = statementTimeoutMs
        self.tls = tls
        self.host = host
        self.port = port
        self.maxMessageBytes = maxMessageBytes
        self.maxConnections = maxConnections
        self.authentication = authentication
        self.serverVersion = serverVersion
    }
}

/// Client authentication methods.
public enum WireAuthentication: String, Sendable, Hashable, CaseIterable {
    /// Every client is accepted as the user it names (loopback default).
    case trust
    /// SCRAM-SHA-256 against the users `CREATE USER` made (default on other addresses). The
    /// password never crosses the wire, with or without TLS.
    case scram
}
