/// The shell's own commands, psql style: backslash commands and a few bare words.
public enum MetaCommand: Sendable, Hashable {
    /// `help`, `\?`: list the commands.
    case help
    /// `\q`, `exit`, `quit`.
    case quit
    /// `\dt`: the tables of the current database.
    case listTables
    /// `\d name`: the columns and indexes of a table (`\d` alone lists tables, as `\dt`).
    case describe(String)
    /// `\timing [on|off]`: set, or toggle when nil, showing elapsed time.
    case timing(Bool?)
    /// `\x [on|off|auto]`: set, or toggle when nil, expanded display.
    case expanded(ExpandedDisplay?)
    /// A backslash command the shell does not know, or bad arguments (the message says which).
    case invalid(String)

    /// The command on `line`, or nil if the line is SQL. Backslash commands are recognized
    /// anywhere; the words `help`, `exit` and `quit` (optionally followed by `;`) only when
    /// `atStatementStart` (they could be part of a statement otherwise).
    public static func parse(_ line: String, atStatementStart: Bool) -> MetaCommand? {
        let trimmed = line.trimmingShellWhitespace()
        if atStatementStart {
            switch trimmed.droppingTrailingSemicolons().lowercased() {
            case "help": return .help
            case "exit", "quit": return .quit
            default: break
            }
        }
        guard trimmed.hasPrefix("\\") else { return nil }
        let words = trimmed.droppingTrailingSemicolons().split(whereSeparator: { $0 == " " || $0 == "\t" })
        guard let first = words.first else { return nil }
        let arguments = words.dropFirst().map(String.init)
        switch first {
        case "\\q", "\\quit": return .quit
        case "\\?", "\\h", "\\help": return .help
        case "\\dt": return .listTables
        case "\\d":
            guard let name = arguments.first else { return .listTables }
            return arguments.count == 1 ? .describe(name) : .invalid("\\d takes one table name")
        case "\\timing": return toggle(arguments).map(MetaCommand.timing) ?? usage("\\timing")
        case "\\x":
            if arguments.count == 1 && arguments[0].lowercased() == "auto" { return .expanded(.auto) }
            return toggle(arguments).map { on in .expanded(on.map { $0 ? .on : .off }) }
                ?? .invalid("\\x: expected on, off or auto")
        default: return .invalid("invalid command \(first). Try \\? for help.")
        }
    }

    /// `on` / `off` / nothing (toggle); nil (wrapped) for anything else.
    private static func toggle(_ arguments: [String]) -> Bool?? {
        switch arguments.count {
        case 0: return .some(nil)
        case 1:
            switch arguments[0].lowercased() {
            case "on", "true", "1": return .some(true)
            case "off", "false", "0": return .some(false)
            default: return nil
            }
        default: return nil
        }
    }

    private static func usage(_ command: String) -> MetaCommand {
        .invalid("\(command): expected on or off")
    }

    /// The text `help` and `\?` print.
    public static let helpText = """
        General
          help, \\?              show this list
          \\q, exit, quit        quit the shell (Ctrl-D too)
        Informational
          \\dt                   list the tables of the current database
          \\d NAME               describe table NAME: its columns and indexes
        Formatting
          \\x [on|off|auto]      toggle expanded display (one block per row; auto: when wide)
          \\timing [on|off]      toggle showing each statement's elapsed time
        Statements end with ';' and may span lines; up-arrow recalls whole statements.
        Ctrl-C discards the statement being typed, or cancels the one running.
        """
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks.
    func trimmingShellWhitespace() -> String {
        String(drop(while: \.isWhitespace).reversed().drop(while: \.isWhitespace).reversed())
    }

    /// The text without trailing `;` (and the whitespace around them).
    func droppingTrailingSemicolons() -> String {
        var text = Substring(self)
        while let last = text.last, last == ";" || last.isWhitespace { text = text.dropLast() }
        return String(text)
    }
}
