import ArgumentParser
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
        if interactive {
            print("TideDB \(TideVersion.number) shell. Statements end with ';'. Ctrl-D exits.")
            print("This build parses and checks statements; the engines arrive in the next releases.")
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
            write: { line in
                print(line)
                fflush(stdout)
            })
    }
}
