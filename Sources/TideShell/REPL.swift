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

    /// Runs until end of input. `readLine` returns nil at EOF; `write` prints a line.
    public func run(interactive: Bool, readLine: (String) -> String?, write: (String) -> Void) {
        let runner = ParseRunner(format: .table)
        var buffer = ""
        while true {
            guard let line = readLine(interactive ? (buffer.isEmpty ? prompt : continuationPrompt) : "") else {
                if buffer.contains(where: { !$0.isWhitespace }) {
                    _ = runner.run(buffer, emit: write)
                }
                return
            }
            buffer += line + "\n"
            let pieces = StatementSplitter.split(buffer)
            if pieces.isEmpty {
                buffer = ""
                continue
            }
            if pieces.allSatisfy(\.terminated) {
                _ = runner.run(buffer, emit: write)
                buffer = ""
            }
        }
    }
}
