/// What one statement sent by `PostgresClient` returned: the result set (if any) as text,
/// the command tag and the notices the server sent while it ran.
public struct PostgresResult: Sendable, Hashable {
    /// A result column: its name and PostgreSQL type OID (`23` int4, `25` text, ...).
    public struct Column: Sendable, Hashable {
        /// The column name (`PQfname`).
        public var name: String
        /// The type OID (`PQftype`).
        public var typeOID: UInt32

        /// A column named `name` of type `typeOID`.
        public init(name: String, typeOID: UInt32) {
            self.name = name
            self.typeOID = typeOID
        }
    }

    /// The columns, or nil for a statement without a result set (CREATE, INSERT, SET, ...).
    public var columns: [Column]?
    /// The rows in text format; nil is SQL NULL.
    public var rows: [[String?]]
    /// The command tag (`PQcmdStatus`): `SELECT 2`, `INSERT 0 1`, `CREATE TABLE`.
    public var commandTag: String
    /// WARNING / NOTICE / INFO messages, as `SEVERITY: text`, in the order they arrived.
    public var notices: [String]

    /// A result with these parts.
    public init(columns: [Column]?, rows: [[String?]], commandTag: String, notices: [String]) {
        self.columns = columns
        self.rows = rows
        self.commandTag = commandTag
        self.notices = notices
    }
}
