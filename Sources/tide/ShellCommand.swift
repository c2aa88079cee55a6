import ArgumentParser
import TideDB
import TideShell

#if canImport(Glibc)
    @preconcurrency import Glibc
#endif

/// `tide shell [--data DIR]`
struct ShellCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "shell",
        abstract: "An interactive SQL shell on an embedded data directory."
    )

    @Option(help: "The data directory.")
    var data: String = "./tide-data"

    func run() throws {
        let interactive = isatty(STDIN_FILENO) != 0
        let database = try Database(directory: data)
        let runner = ScriptRunner(session: database.session(), format: .table)
        if interactive {
            print("TideDB \(TideVersion.number) shell on \(data). Statements end with ';'. Ctrl-D exits.")
        }
        REPL().run(
            interactive: interactive,
            readLine: { prompt in
                if !prompt.isEmpty {
                    print(prompt, terminator: "")
                    fflush(stdout)
                }
                return Swift.readLine()
            },
            execute: { script in
                _ = runner.run(script) { line in
                    print(line)
                    fflush(stdout)
                }
            })
    }
}
