import TideDB

/// What the compatibility layer knows of the connection.
public struct CompatibilityContext: Sendable {
    /// The database the server serves.
    public var database: Database
    /// The TideDB database the session is USEing ("" if none): its tables are schema `public`.
    public var currentDatabase: String
    /// PostgreSQL session parameters (application_name, datestyle, timezone, client_encoding,
    /// extra_float_digits, search_path, ...), keyed by lower-case name.
    public var settings: [String: String]
    /// What `SHOW server_version` says, e.g. `15.0 (TideDB 0.1.0)`.
    public var serverVersion: String
    /// The user the connection authenticated as (owner of everything listed).
    public var user: String

    /// A context; `settings` need only hold what differs from PostgreSQL's defaults.
    public init(
        database: Database, currentDatabase: String, settings: [String: String] = [:],
        serverVersion: String = "15.0 (TideDB)", user: String = "tide"
    ) {
        self.database = database
        self.currentDatabase = currentDatabase
        self.settings = settings
        self.serverVersion = serverVersion
        self.user = user
    }
}

/// A column of a compatibility answer: its name and PostgreSQL type OID (values are text).
public struct CompatibilityColumn: Sendable, Hashable {
    public var name: String
    public var typeOID: Int32

    public init(name: String, typeOID: Int32) {
        self.name = name
        self.typeOID = typeOID
    }
}

/// How the compatibility layer answers a client statement.
public enum CompatibilityAnswer: Sendable, Equatable {
    /// A result set, values in PostgreSQL's text format (nil: NULL); `tag` e.g. `SELECT 3`, `SHOW`.
    case rows(columns: [CompatibilityColumn], rows: [[String?]], tag: String)
    /// A statement with nothing to run: BEGIN, COMMIT, ROLLBACK, SAVEPOINT, DISCARD ALL, RESET ALL, ...
    case command(tag: String)
    /// A SET (or RESET) of the PostgreSQL session parameter `name` (lower case) to `value`:
    /// the caller stores it in the settings and reports it when PostgreSQL would.
    case set(name: String, value: String, tag: String)
}

/// An answer whose columns are the query's own select list, so that the count, order and
/// names match what the client expects whatever version of it wrote the query.
struct NamedColumns {
    let names: [String]

    /// The select list of `text`; nil when it has none.
    init?(_ text: SQLText) {
        guard let names = SelectList.names(of: text), !names.isEmpty else { return nil }
        self.names = names
    }

    /// Columns typed from `types` (text when a name is not there) and rows whose values are
    /// looked up by column name (NULL when absent).
    func answer(types: [String: Int32], rows: [[String: String]] = []) -> CompatibilityAnswer {
        let columns = names.map { CompatibilityColumn(name: $0, typeOID: types[$0] ?? PGOID.text) }
        return .select(columns, rows.map { row in names.map { row[$0] } })
    }
}
