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
        let home = getenv("HOME").map { String(cString: $0) + "/.tide_history" }
        let editor = LineEditor(historyFile: interactive ? home : nil)
        if interactive {
            runner.session.progress = { message in
                fputs("\r\u{1B}[K" + message, stderr)
                fflush(stderr)
            }
        }
        REPL().run(
            interactive: interactive,
            readLine: { prompt in editor.readLine(prompt: prompt) },
            execute: { script in
                _ = runner.run(script) { line in
                    print(line)
                    fflush(stdout)
                }
            })
    }
}
