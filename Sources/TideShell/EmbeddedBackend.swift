import TideCore
import TideDB
import TideSQL

/// Runs the shell's statements on an embedded database session.
public final class EmbeddedBackend: ShellBackend {
    /// The session statements run in (current database, execute mode, variables).
    public let session: Session
    /// Where the data directory is, for the banner.
    public let target: String

    /// A backend on `session`; `directory` names the data directory in the banner.
    public init(session: Session, directory: String) {
        self.session = session
        self.target = "data directory \(directory)"
    }

    /// TideDB's SQL splitting (`StatementSplitter`).
    public func split(_ source: String) -> [ShellStatement] {
        ShellStatement.tideSQL(source)
    }

    /// Parses the statement (positions relative to the whole input) and runs it in the session.
    public func run(_ statement: ShellStatement) throws(TideError) -> ShellResult {
        do {
            let parsed = try session.parseStatement(statement.text, start: statement.start)
            return Self.shellResult(try session.execute(parsed))
        } catch let error as TideError {
            throw error
        } catch {
            throw TideError.internal(String(describing: error))
        }
    }

    /// `SHOW TABLES` and `DESC name`.
    public func statements(for query: CatalogQuery) -> [String] {
        switch query {
        case .tables: return ["SHOW TABLES"]
        case .describe(let name): return ["DESC \(name)"]
        }
    }

    /// Interrupts the session's statement: it stops at its next check (between batches,
    /// partitions and rows) with 57014.
    public func cancelAction() -> @Sendable () -> String? {
        let interrupt = session.interrupt
        return {
            interrupt.cancel()
            return nil
        }
    }

    /// A TideDB result as the shell shows it, with the command tags `tide serve` sends
    /// (`SELECT n`, `INSERT 0 n`, `DELETE n`), so both backends print the same.
    public static func shellResult(_ result: StatementResult) -> ShellResult {
        let tag = result.commandTag
        return ShellResult(
            columns: result.columns?.map(\.name),
            rows: result.rows.map { row in row.map { $0.isNull ? nil : ValueRendering.text($0) } },
            tag: tag, notices: result.warnings.map { "WARNING: " + $0 })
    }
}
