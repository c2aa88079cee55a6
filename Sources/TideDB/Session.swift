import TideCore
import TideExec
import TideSQL
import TideStore

/// One connection's state (current database, `@@execute_mode`, `@@time_zone`) and the
/// entry point for running SQL. Not thread-safe: one session per connection or script.
public final class Session {
    public let database: Database
    public var currentDatabase: String = ""
    public var executeMode: ExecuteMode = .online
    public var timeZone: SessionTimeZone = .utc
    /// Other `SET` variables, kept for SHOW VARIABLES.
    public var variables: [String: String] = [:]
    /// Receives progress messages of long statements (LOAD DATA), and "" when one ends.
    /// The shell shows them on one status line.
    public var progress: ((String) -> Void)?

    init(database: Database) {
        self.database = database
    }

    var functionContext: FunctionContext { FunctionContext(timeZone: timeZone) }

    /// Runs one parsed statement.
    public func execute(_ statement: Statement) throws -> StatementResult {
        try StatementRunner(session: self).run(statement)
    }

    /// Parses and runs one statement of text.
    public func execute(_ sql: String) throws -> StatementResult {
        try execute(try Parser.parseStatement(sql))
    }
}
