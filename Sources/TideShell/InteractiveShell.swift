import Foundation
import TideCore

/// The shell: reads statements that may span lines until `;`, runs each on a backend
/// (embedded or remote) and renders the answer; handles meta-commands (`\dt`, `\d t`, `\x`,
/// `\timing`, `help`, `\q`) and Ctrl-C. Input, output and history are closures, so tests
/// drive it without a terminal.
public final class InteractiveShell {
    /// What statements run on.
    public let backend: any ShellBackend
    /// Show each statement's elapsed time (`\timing`).
    public var showTiming = false
    /// Expanded display (`\x`).
    public var expanded = ExpandedDisplay.off
    /// The prompt for a new statement.
    public var prompt = "tide> "
    /// The prompt for the following lines of a statement.
    public var continuationPrompt = "  ... "

    private let interactive: Bool
    private let read: (_ prompt: String, _ continuationPrompt: String) -> ShellInput
    private let write: (String) -> Void
    private let remember: (String) -> Void
    private let interrupts: InterruptHandler?
    private let terminalWidth: () -> Int?

    /// - Parameters:
    ///   - interactive: show prompts (on a pipe the prompts are empty).
    ///   - read: the next input event, given the prompt and the continuation prompt.
    ///   - write: prints text (one or more lines; the closure adds the final newline).
    ///   - remember: adds a whole statement or meta-command to the history.
    ///   - interrupts: makes Ctrl-C cancel the running statement; nil in tests.
    ///   - terminalWidth: the output's width in columns, if known (for `\x auto`).
    public init(
        backend: any ShellBackend, interactive: Bool, read: @escaping (String, String) -> ShellInput,
        write: @escaping (String) -> Void, remember: @escaping (String) -> Void = { _ in },
        interrupts: InterruptHandler? = nil, terminalWidth: @escaping () -> Int? = { nil }
    ) {
        self.backend = backend
        self.interactive = interactive
        self.read = read
        self.write = write
        self.remember = remember
        self.interrupts = interrupts
        self.terminalWidth = terminalWidth
    }

    /// Runs until the end of input or a quit command.
    public func run() {
        var buffer = ""
        while true {
            let atStart = buffer.isEmpty
            let shown = interactive ? (atStart ? prompt : continuationPrompt) : ""
            switch read(shown, interactive ? continuationPrompt : "") {
            case .endOfInput:
                let rest = buffer.trimmingShellWhitespace()
                if !rest.isEmpty {
                    remember(rest)
                    execute(rest)
                }
                return
            case .interrupt:
                buffer = ""
            case .line(let line):
                if let command = MetaCommand.parse(line, atStatementStart: atStart) {
                    remember(line)
                    guard perform(command) else { return }
                    continue
                }
                buffer += line + "\n"
                let pieces = backend.split(buffer)
                if pieces.isEmpty {
                    buffer = ""
                } else if pieces.allSatisfy(\.terminated) {
                    remember(buffer)
                    execute(buffer)
                    buffer = ""
                }
            }
        }
    }

    /// Carries out a meta-command; false for quit.
    public func perform(_ command: MetaCommand) -> Bool {
        switch command {
        case .help:
            write(MetaCommand.helpText)
        case .quit:
            return false
        case .listTables:
            runCatalog(.tables)
        case .describe(let name):
            runCatalog(.describe(name))
        case .timing(let on):
            showTiming = on ?? !showTiming
            write("Timing is \(showTiming ? "on" : "off").")
        case .expanded(let display):
            expanded = display ?? (expanded == .off ? .on : .off)
            write(expanded.announcement)
        case .invalid(let message):
            write(message)
        }
        return true
    }

    /// Runs every statement of `source` in order, continuing past errors (unless
    /// `stopOnError`); after a Ctrl-C the statements not yet started are skipped.
    public func execute(_ source: String, stopOnError: Bool = false) {
        let pieces = backend.split(source)
        for (index, piece) in pieces.enumerated() {
            let (succeeded, interrupted) = run(piece, source: source)
            let remaining = pieces.count - index - 1
            if interrupted && remaining > 0 {
                write("(\(remaining) statement\(remaining == 1 ? "" : "s") not run after Ctrl-C)")
                return
            }
            if stopOnError && !succeeded { return }
        }
    }

    /// Runs one statement and prints its result or error (and its time with `\timing`).
    /// Returns whether it succeeded and whether Ctrl-C was pressed while it ran.
    private func run(_ piece: ShellStatement, source: String) -> (succeeded: Bool, interrupted: Bool) {
        let clock = ContinuousClock()
        let started = clock.now
        let attempt = { [backend] () -> Result<ShellResult, TideError> in
            do throws(TideError) {
                return .success(try backend.run(piece))
            } catch {
                return .failure(error)
            }
        }
        let outcome: Result<ShellResult, TideError>
        var interrupted = false
        if let interrupts {
            (outcome, interrupted) = interrupts.running(cancel: backend.cancelAction(), attempt)
        } else {
            outcome = attempt()
        }
        let elapsed = clock.now - started
        switch outcome {
        case .success(let result):
            write(ShellResultRenderer.render(result, display: expanded, width: terminalWidth()))
        case .failure(let error): write(ErrorRenderer.render(error, source: source))
        }
        if showTiming {
            let (seconds, attoseconds) = elapsed.components
            write(String(format: "Time: %.3f ms", Double(seconds) * 1000 + Double(attoseconds) / 1e15))
        }
        if case .failure = outcome { return (false, interrupted) }
        return (true, interrupted)
    }

    /// Runs the statements that answer a catalog meta-command on this backend.
    private func runCatalog(_ query: CatalogQuery) {
        execute(backend.statements(for: query).joined(separator: ";\n") + ";", stopOnError: true)
    }
}
