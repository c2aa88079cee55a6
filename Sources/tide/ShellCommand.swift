import ArgumentParser
import Foundation
import TideCore
import TideDB
import TideKafka
import TideShell
import TideSpark
import TideWire

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `tide shell [--data DIR | --connect URL]`
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "An interactive SQL shell on an embedded data directory, or on a server with --connect.",
        discussion: """
            With --connect the shell speaks the PostgreSQL protocol (libpq) to `tide serve` or to PostgreSQL, \
            e.g. --connect postgresql://127.0.0.1:5433/mydb. Type help or \\? for the shell's commands.
            """
    )

    @Option(help: "The data directory (default ./tide-data).")
    var data: String?

    @Option(help: "A PostgreSQL connection URI or string (postgresql://host:port/db) to run statements on.")
    var connect: String?

    @Flag(help: "Open the data directory without changing it (it may be in use by another process).")
    var readOnly = false

    func validate() throws {
        if data != nil && connect != nil { throw ValidationError("use either --data or --connect, not both") }
        if readOnly && connect != nil {
            throw ValidationError("--read-only applies to an embedded data directory, not --connect")
        }
    }

    func run() throws {
        let interactive = isatty(STDIN_FILENO) != 0
        // Installed first: from here on Ctrl-C (SIGINT) never ends the shell.
        let interrupts = InterruptHandler { message in Self.standardError(message + "\n") }
        let backend: any ShellBackend
        var embedded: Database?
        if let connect {
            backend = RemoteBackend(client: try Self.connect(connect, interactive: interactive))
        } else {
            let directory = data ?? "./tide-data"
            let database = try Database(directory: directory, readOnly: readOnly)
            database.installConnectors(KafkaConnectors(database: database))
            try database.installSparkEngine()
            embedded = database
            let session = database.session()
            if interactive {
                session.progress = { message in Self.standardError("\r\u{1B}[K" + message) }
            }
            backend = EmbeddedBackend(session: session, directory: directory)
        }
        if interactive {
            let banner = "TideDB \(TideVersion.number) shell on \(backend.target). Type help or \\? for help.\n"
            FileHandle.standardOutput.write(Data(banner.utf8))
        }
        let home = getenv("HOME").map { String(cString: $0) + "/.tide_history" }
        let editor = LineEditor(historyFile: interactive ? home : nil)
        let shell = InteractiveShell(
            backend: backend, interactive: interactive,
            read: { prompt, continuation in editor.read(prompt: prompt, continuationPrompt: continuation) },
            write: { text in FileHandle.standardOutput.write(Data((text + "\n").utf8)) },
            remember: { editor.remember($0) }, interrupts: interrupts,
            terminalWidth: { isatty(STDOUT_FILENO) != 0 ? LineEditor.terminalWidth() : nil })
        shell.run()
        embedded?.stopConnectors()
    }

    /// Connects, asking for a password on the terminal when the server wants one.
    private static func connect(_ conninfo: String, interactive: Bool) throws -> PostgresClient {
        do {
            return try PostgresClient(conninfo)
        } catch let error where error.code == "28P01" && interactive {
            guard let password = getpass("Password: ").map({ String(cString: $0) }) else { throw error }
            do {
                return try PostgresClient(conninfo, password: password)
            } catch {
                throw Self.failure(error)
            }
        } catch {
            throw Self.failure(error)
        }
    }

    private static func failure(_ error: TideError) -> any Error {
        standardError("tide shell: \(error.message)\n")
        return ExitCode(2)
    }

    private static func standardError(_ text: String) {
        FileHandle.standardError.write(Data(text.utf8))
    }
}
