import TideCore

/// What the shell runs statements on: the embedded database (`EmbeddedBackend`) or a server
/// over the PostgreSQL protocol (`RemoteBackend`). The shell splits input into statements,
/// handles meta-commands and renders; a backend only runs statements.
public protocol ShellBackend: AnyObject {
    /// What the shell is attached to, for the banner (`data directory ./tide-data`).
    var target: String { get }

    /// Splits input into statements, by the SQL dialect of what the statements run on.
    func split(_ source: String) -> [ShellStatement]

    /// Runs one statement: `statement.text` without its `;`, and where it starts in the input
    /// (errors point into the input, so their positions are shifted by `statement.start`).
    /// - Throws: the statement's `TideError`.
    func run(_ statement: ShellStatement) throws(TideError) -> ShellResult

    /// The statements that answer a catalog meta-command (`\dt`, `\d name`) on this backend.
    func statements(for query: CatalogQuery) -> [String]

    /// What Ctrl-C does while `run` runs, called on another thread after the shell printed
    /// `cancel requested`. Returns nil, or why the cancel could not be sent.
    func cancelAction() -> @Sendable () -> String?
}

/// The catalog questions meta-commands ask.
public enum CatalogQuery: Sendable, Hashable {
    /// `\dt`: the tables of the current database.
    case tables
    /// `\d name`: the columns and indexes of a table.
    case describe(String)
}

extension SourceLocation {
    /// This location (relative to a statement's text) as a location in the text the statement
    /// was read from, when the statement starts at `start` there.
    public func shifted(by start: SourceLocation) -> SourceLocation {
        SourceLocation(
            offset: start.offset + offset, line: start.line + line - 1,
            column: line == 1 ? start.column + column - 1 : column)
    }
}
