import TideCore
import TidePlan

/// What a statement returns: a command tag, and for queries the columns and rows.
public struct StatementResult: Sendable {
    /// `SELECT`, `CREATE TABLE`, `INSERT`, `LOAD DATA`, ... (PostgreSQL command tags).
    public var tag: String
    /// nil for statements without a result set.
    public var columns: [ResultColumn]?
    public var rows: [[Value]]
    /// Rows changed by DML and LOAD DATA.
    public var affectedRows: Int?
    /// Notices for the user (e.g. a LAST JOIN without a time bound).
    public var warnings: [String]

    public init(
        tag: String, columns: [ResultColumn]? = nil, rows: [[Value]] = [], affectedRows: Int? = nil,
        warnings: [String] = []
    ) {
        self.tag = tag
        self.columns = columns
        self.rows = rows
        self.affectedRows = affectedRows
        self.warnings = warnings
    }

    /// The PostgreSQL command tag: `SELECT n`, `INSERT 0 n`, `DELETE n`, or the tag with the
    /// row count for other statements with rows (`SHOW 3`), as clients parse it.
    public var commandTag: String {
        switch tag {
        case "SELECT": return "SELECT \(columns == nil ? affectedRows ?? 0 : rows.count)"
        case "INSERT": return "INSERT 0 \(affectedRows ?? 0)"
        case "DELETE": return "DELETE \(affectedRows ?? 0)"
        default:
            if columns != nil { return "\(tag) \(rows.count)" }
            if let affectedRows { return "\(tag) \(affectedRows)" }
            return tag
        }
    }

    /// A result set of text columns (SHOW, DESC, EXPLAIN).
    public static func text(tag: String, columns: [String], rows: [[String]]) -> StatementResult {
        StatementResult(
            tag: tag, columns: columns.map { ResultColumn(name: $0, type: .string) },
            rows: rows.map { $0.map(Value.string) })
    }
}

/// A result column: its name and TideDB type.
public struct ResultColumn: Sendable, Hashable {
    public var name: String
    public var type: SQLType

    public init(name: String, type: SQLType) {
        self.name = name
        self.type = type
    }
}
