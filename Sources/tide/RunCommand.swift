import ArgumentParser
import TideDB
import TideKafka
import TideShell
import TideSpark

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `tide run [--data DIR] [--format table|csv|json] [FILE|-]`
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run a SQL script on a data directory, printing each statement's result."
    )

    @Option(help: "The data directory (created if missing).")
    var data: String = "./tide-data"

    @Option(help: "Output format: table, csv, or json (one object per statement per line).")
    var format: OutputFormat = .table

    @Flag(help: "Open the data directory without changing it (it may be in use by another process).")
    var readOnly = false

    @Argument(help: "The script to run; '-' or nothing reads standard input.")
    var file: String = "-"

    func run() throws {
        let script = try ScriptInput.read(file)
        let database = try Database(directory: data, readOnly: readOnly)
        database.installConnectors(KafkaConnectors(database: database))
        try database.installSparkEngine()
        defer { database.stopConnectors() }
        let runner = ScriptRunner(session: database.session(), format: format)
        let ok = runner.run(script) { line in
            print(line)
            fflush(stdout)
        }
        if !ok { throw ExitCode(1) }
    }
}
