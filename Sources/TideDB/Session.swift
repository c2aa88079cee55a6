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
    /// Where offline queries run: nil for TideBatch, else a Spark Connect server
    /// (`SET @@offline_engine`).
    public var offlineEngine: SparkEndpoint?
    /// Other `SET` variables, kept for SHOW VARIABLES.
    public var variables: [String: String] = [:]
    /// Receives progress messages of long statements (LOAD DATA), and "" when one ends.
    /// The shell shows them on one status line.
    public var progress: ((String) -> Void)?

    init(database: Database) {
        self.database = database
    }

    /// Stops the running statement when cancelled from another thread or past
    /// `@@statement_timeout_ms`.
    public let interrupt = StatementInterrupt()

    var functionContext: FunctionContext { FunctionContext(timeZone: timeZone, interrupt: interrupt) }

    /// `@@statement_timeout_ms`: how long one statement may run (0: no limit).
    public var statementTimeoutMs: Int64 {
        get { variables["statement_timeout_ms"].flatMap { Int64($0) } ?? 0 }
        set { variables["statement_timeout_ms"] = String(newValue) }
    }

    /// Runs one parsed statement.
    public func execute(_ statement: Statement) throws -> StatementResult {
        interrupt.begin(timeoutMs: statementTimeoutMs)
        return try StatementRunner(session: self).run(statement)
    }

    /// Runs `EXECUTE DEPLOYMENT name VALUES (...)` for rows given as values (a prepared
    /// statement's bound parameters), as `execute(_:)` runs the statement with those values
    /// written as literals, without printing and parsing them.
    public func executeDeployment(_ name: QualifiedName, rows: [[Value]]) throws -> StatementResult {
        interrupt.begin(timeoutMs: statementTimeoutMs)
        return try DeployCommand(session: self).execute(name, values: rows)
    }

    /// Parses and runs one statement of text.
    public func execute(_ sql: String) throws -> StatementResult {
        try execute(try parseStatement(sql))
    }

    /// Parses one statement under the session's statement timeout and cancel (a statement of
    /// many megabytes takes seconds to parse). Running it then has a timeout of its own.
    public func parseStatement(_ sql: String, start: SourceLocation = .start) throws(TideError) -> Statement {
        interrupt.begin(timeoutMs: statementTimeoutMs)
        return try Parser.parseStatement(sql, start: start, interrupt: interrupt)
    }

    /// Parses a script of statements (`ScriptParser`) under the session's statement timeout
    /// and cancel, as `parseStatement` does for one.
    public func parseScript(_ script: String) -> [ScriptParser.Entry] {
        ScriptParser.parse(script, interrupt: interrupt, timeoutMs: statementTimeoutMs)
    }
}
