import ArgumentParser
import Foundation
import TideServer

/// `tide serve --data DIR [--host H] [--pg-port N] [--http-port N] [--auth trust|scram]
/// [--tls-cert FILE --tls-key FILE] [--config FILE]`
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Serve a data directory over the PostgreSQL wire protocol and the HTTP API.",
        discussion: """
            Settings come from the command line, then TIDE_* environment variables (TIDE_DATA, TIDE_HOST, \
            TIDE_PG_PORT, TIDE_HTTP_PORT, TIDE_MAX_CONNECTIONS, TIDE_MAX_MESSAGE_BYTES, TIDE_LOG_LEVEL, \
            TIDE_STATEMENT_TIMEOUT_MS, TIDE_AUTH, TIDE_TLS_CERT, TIDE_TLS_KEY), then the config file (key = value \
            lines), then defaults. PostgreSQL clients are trusted on a loopback host and must log in with a \
            password (SCRAM-SHA-256, users made by CREATE USER) on any other, unless --auth says otherwise. \
            SIGTERM or SIGINT shuts down gracefully.
            """
    )

    @Option(help: "The data directory (default ./tide-data).") var data: String?
    @Option(help: "Address to listen on (default 127.0.0.1).") var host: String?
    @Option(name: .customLong("pg-port"), help: "PostgreSQL protocol port (default 5433).") var pgPort: Int?
    @Option(name: .customLong("http-port"), help: "HTTP API port (default 9080).") var httpPort: Int?
    @Option(help: "A config file of key = value lines.") var config: String?
    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error.") var logLevel: String?
    @Option(
        help: """
            How PostgreSQL clients authenticate: trust (no password) or scram (SCRAM-SHA-256). \
            Default: trust on a loopback host, scram on any other.
            """)
    var auth: String?
    @Option(name: .customLong("tls-cert"), help: "PEM certificate for TLS on the PostgreSQL port (with --tls-key).")
    var tlsCert: String?
    @Option(name: .customLong("tls-key"), help: "PEM private key of --tls-cert.") var tlsKey: String?
    @Flag(
        name: .customLong("read-only"),
        help: "Serve without writing to the data directory (also while another process holds it).")
    var readOnly = false

    func run() async throws {
        TideServerApp.bootstrapProcess()
        var settings = ServerConfiguration()
        do {
            if let config { try settings.load(file: config) }
            try settings.load(environment: ProcessInfo.processInfo.environment)
            if let data { settings.dataDirectory = data }
            if let host { settings.host = host }
            if let pgPort { settings.pgPort = pgPort }
            if let httpPort { settings.httpPort = httpPort }
            if let logLevel { settings.logLevel = logLevel }
            if let auth { try settings.set("auth", auth, source: "--auth") }
            if let tlsCert { settings.tlsCertificate = tlsCert }
            if let tlsKey { settings.tlsKey = tlsKey }
            if readOnly { settings.readOnly = true }
            let settings = settings
            try await TideServerApp.run(settings, version: TideVersion.number) { listening in
                let line =
                    "TideDB \(TideVersion.number) on \(settings.dataDirectory): "
                    + "PostgreSQL on \(settings.host):\(listening.pgPort ?? 0), "
                    + "HTTP on \(settings.host):\(listening.httpPort ?? 0)\n"
                FileHandle.standardOutput.write(Data(line.utf8))
            }
        } catch {
            FileHandle.standardError.write(Data("tide serve: \(error)\n".utf8))
            throw ExitCode(2)
        }
    }
}
