/// One event of the shell's input, from the line editor or a pipe.
public enum ShellInput: Sendable, Hashable {
    /// A line (or, for a recalled multi-line statement, several lines) the user submitted.
    case line(String)
    /// Ctrl-C at the prompt: discard the statement being typed.
    case interrupt
    /// Ctrl-D on an empty line, or the end of piped input.
    case endOfInput
}
