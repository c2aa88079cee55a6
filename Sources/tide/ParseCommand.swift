import ArgumentParser
import TideShell

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `tide parse [--format table|json] [FILE|-]`
struct ParseCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "parse",
        abstract: "Parse a SQL script and print each statement's canonical SQL or its error."
    )

    @Option(help: "Output format: table (canonical SQL, errors with a caret) or json (one object per line).")
    var format: OutputFormat = .table

    @Argument(help: "The script to read; '-' or nothing reads standard input.")
    var file: String = "-"

    func run() throws {
        let script = try ScriptInput.read(file)
        let ok = ParseRunner(format: format).run(script) { line in
            print(line)
            fflush(stdout)
        }
        if !ok { throw ExitCode(1) }
    }
}

extension OutputFormat: ExpressibleByArgument {}
