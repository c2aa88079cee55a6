import Foundation
import TideCore
import TideWire

/// `tide serve`'s settings. Each comes, strongest first, from the command line, a `TIDE_*`
/// environment variable, the config file (`key = value` lines, `#` comments), or the default.
public struct ServerConfiguration: Sendable, Hashable {
    public var dataDirectory: String = "./tide-data"
    public var host: String = "127.0.0.1"
    public var pgPort: Int = 5433
    public var httpPort: Int = 9080
    public var maxConnections: Int = 256
    public var maxMessageBytes: Int = 64 << 20
    /// `trace`, `debug`, `info`, `notice`, `warning`, `error`, `critical`.
    public var logLevel: String = "info"
    /// Default `@@statement_timeout_ms` of every session (0: no limit).
    public var statementTimeoutMs: Int = 0
    /// How PostgreSQL clients authenticate; nil: `trust` on a loopback host, `scram` on any
    /// other (see `authentication`).
    public var auth: WireAuthentication?
    /// PEM certificate (and chain) for TLS on the PostgreSQL port; with `tlsKey`.
    public var tlsCertificate: String?
    /// PEM private key of `tlsCertificate`.
    public var tlsKey: String?
    /// Serve the data directory without writing to it (`Database(directory:readOnly:)`): no
    /// lock, so it may be open in another process; statements that would change it are 25006.
    public var readOnly = false

    public init() {}

    /// The keys a config file and the environment may set (`data` is `TIDE_DATA`, ...).
    public static let keys = [
        "data", "host", "pg_port", "http_port", "max_connections", "max_message_bytes", "log_level",
        "statement_timeout_ms", "auth", "tls_cert", "tls_key", "read_only",
    ]

    /// Applies one `key = value` setting.
    public mutating func set(_ key: String, _ value: String, source: String) throws(TideError) {
        func integer() throws(TideError) -> Int {
            guard let n = Int(value), n >= 0 else {
                throw TideError(
                    .invalidParameterValue, "\(source): \(key) must be a non-negative integer, got \"\(value)\"")
            }
            return n
        }
        switch key {
        case "data": dataDirectory = value
        case "host": host = value
        case "pg_port": pgPort = try integer()
        case "http_port": httpPort = try integer()
        case "max_connections": maxConnections = try integer()
        case "max_message_bytes": maxMessageBytes = try integer()
        case "log_level": logLevel = value
        case "statement_timeout_ms": statementTimeoutMs = try integer()
        case "auth":
            guard let method = WireAuthentication(rawValue: value.lowercased()) else {
                throw TideError(
                    .invalidParameterValue,
                    "\(source): auth must be \(WireAuthentication.allCases.map(\.rawValue).joined(separator: " or ")), "
                        + "got \"\(value)\"")
            }
            auth = method
        case "tls_cert": tlsCertificate = value.isEmpty ? nil : value
        case "tls_key": tlsKey = value.isEmpty ? nil : value
        case "read_only":
            switch value.lowercased() {
            case "true", "on", "1", "yes": readOnly = true
            case "false", "off", "0", "no", "": readOnly = false
            default:
                throw TideError(.invalidParameterValue, "\(source): read_only must be true or false, got \"\(value)\"")
            }
        default:
            throw TideError(
                .invalidParameterValue,
                "\(source): unknown setting \"\(key)\" (known: \(Self.keys.joined(separator: ", ")))")
        }
    }

    /// The authentication method in force: `auth` if set, else `trust` when `host` is a
    /// loopback address (127.0.0.0/8, ::1, localhost) and `scram` otherwise.
    public var authentication: WireAuthentication {
        auth ?? (Self.isLoopback(host) ? .trust : .scram)
    }

    /// True when `trust` lets in clients from other machines (worth a warning at start).
    public var trustsRemoteClients: Bool { authentication == .trust && !Self.isLoopback(host) }

    /// The TLS files, once both are given. Throws `22023` when only one of them is.
    public func tls() throws(TideError) -> WireTLSConfiguration? {
        switch (tlsCertificate, tlsKey) {
        case (nil, nil): return nil
        case (let certificate?, let key?): return WireTLSConfiguration(certificatePath: certificate, keyPath: key)
        case (_?, nil), (nil, _?):
            throw TideError(
                .invalidParameterValue,
                "TLS needs both a certificate and a key: give --tls-cert and --tls-key "
                    + "(tls_cert and tls_key, TIDE_TLS_CERT and TIDE_TLS_KEY)")
        }
    }

    /// True for `localhost`, 127.0.0.0/8 and ::1 (with or without brackets).
    public static func isLoopback(_ host: String) -> Bool {
        let name = host.lowercased().trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
        if name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" { return true }
        let octets = name.split(separator: ".", omittingEmptySubsequences: false)
        return octets.count == 4 && octets[0] == "127" && octets.allSatisfy { UInt8($0) != nil }
    }

    /// Settings from a config file.
    public mutating func load(file path: String) throws(TideError) {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw TideError(.ioError, "cannot read config file \(path): \(error.localizedDescription)")
        }
        for (number, rawLine) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            let parts = line.split(separator: "=", maxSplits: 1)
            guard parts.count == 2 else {
                throw TideError(.syntaxError, "\(path):\(number + 1): expected key = value")
            }
            let key = parts[0].trimmingCharacters(in: .whitespaces)
            var value = parts[1].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, value.first == "\"", value.last == "\"" {
                value = String(value.dropFirst().dropLast())
            }
            try set(key, value, source: "\(path):\(number + 1)")
        }
    }

    /// Settings from `TIDE_DATA`, `TIDE_HOST`, `TIDE_PG_PORT`, ...
    public mutating func load(environment: [String: String]) throws(TideError) {
        for key in Self.keys {
            if let value = environment["TIDE_" + key.uppercased()] {
                try set(key, value, source: "TIDE_\(key.uppercased())")
            }
        }
    }
}
