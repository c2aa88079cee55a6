import TideCore
import TideSQL

/// The interactive shell: reads statements that may span lines until `;`, and answers each.
///
/// Until the engines land, the shell parses each statement and shows its canonical SQL, or
/// the error with a caret under its position.
public struct REPL {
    public var prompt: String
    public var continuationPrompt: String

    public init(prompt: String = "tide> ", continuationPrompt: String = "  ... ") {
        self.prompt = prompt
        self.continuationPrompt = continuationPrompt
    }

    /// Runs until end of input, parsing statements and printing their canonical SQL.
    /// `readLine` returns nil at EOF; `write` prints a line.
    public func run(interactive: Bool, readLine: (String) -> String?, write: (String) -> Void) {
        let runner = ParseRunner(format: .table)
        run(interactive: interactive, readLine: readLine, execute: { script in _ = runner.run(script, emit: write) })
    }

    /// Runs until end of input, handing each complete piece of input (one or more statements
    /// ending with `;`, or what is left at EOF) to `execute`.
    public func run(interactive: Bool, readLine: (String) -> String?, execute: (String) -> Void) {
        var buffer = ""
        while true {
            guard let line = readLine(interactive ? (buffer.isEmpty ? prompt : continuationPrompt) : "") else {
                if buffer.contains(where: { !$0.isWhitespace }) { execute(buffer) }
                return
            }
            buffer += line + "\n"
            let pieces = StatementSplitter.split(buffer)
            if pieces.isEmpty {
                buffer = ""
                continue
            }
            if pieces.allSatisfy(\.terminated) {
                execute(buffer)
                buffer = ""
            }
        }
    }
}
