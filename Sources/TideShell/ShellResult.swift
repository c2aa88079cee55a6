/// A statement's answer as the shell shows it, whichever backend ran it: column names, rows
/// as text (nil: NULL), the PostgreSQL-style command tag and the notices to print first.
public struct ShellResult: Sendable, Hashable {
    /// The column names, or nil for a statement without a result set.
    public var columns: [String]?
    /// The rows as text; nil is SQL NULL.
    public var rows: [[String?]]
    /// `SELECT 2`, `INSERT 0 1`, `CREATE TABLE`, ...; printed for statements without rows.
    public var tag: String
    /// `WARNING: ...` lines, printed before the result.
    public var notices: [String]

    /// A result with these parts.
    public init(columns: [String]?, rows: [[String?]] = [], tag: String, notices: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.tag = tag
        self.notices = notices
    }
}
