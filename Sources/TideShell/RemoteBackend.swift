import Foundation
import TideCore
import TideWire

/// Runs the shell's statements on a server over the PostgreSQL protocol (`tide serve`, or
/// PostgreSQL itself), one statement per simple query.
public final class RemoteBackend: ShellBackend {
    /// The connection.
    public let client: PostgresClient
    /// True when the server is TideDB (its `server_version` says so): catalog meta-commands
    /// then use TideDB's SHOW TABLES / DESC, otherwise PostgreSQL's catalogs.
    public let isTideDB: Bool

    /// A backend on an open connection.
    public init(client: PostgresClient) {
        self.client = client
        self.isTideDB = client.serverParameter("server_version")?.contains("TideDB") ?? false
    }

    /// `host:port/database (server version)`.
    public var target: String {
        let version = client.serverParameter("server_version") ?? "unknown version"
        return "\(client.endpoint) (server \(version))"
    }

    /// TideDB's SQL for `tide serve`; psql's rules (dollar quotes, `E''` strings) otherwise.
    public func split(_ source: String) -> [ShellStatement] {
        isTideDB ? ShellStatement.tideSQL(source) : PostgresSplitter.split(source)
    }

    /// Sends the statement as one simple query; error positions are shifted into the input.
    public func run(_ statement: ShellStatement) throws(TideError) -> ShellResult {
        do {
            let result = try client.execute(statement.text)
            return ShellResult(
                columns: result.columns?.map(\.name), rows: result.rows, tag: result.commandTag,
                notices: result.notices)
        } catch {
            var shifted = error
            shifted.position = error.position?.shifted(by: statement.start)
            throw shifted
        }
    }

    /// TideDB's `SHOW TABLES` / `DESC name`, or queries of PostgreSQL's catalogs.
    public func statements(for query: CatalogQuery) -> [String] {
        switch query {
        case .tables:
            guard !isTideDB else { return ["SHOW TABLES"] }
            return [
                """
                SELECT n.nspname AS "Schema", c.relname AS "Name",
                  CASE c.relkind WHEN 'p' THEN 'partitioned table' ELSE 'table' END AS "Type"
                FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
                  AND n.nspname !~ '^pg_toast' AND pg_catalog.pg_table_is_visible(c.oid)
                ORDER BY 1, 2
                """
            ]
        case .describe(let name):
            guard !isTideDB else { return ["DESC \(name)"] }
            let table = "'" + name.replacingOccurrences(of: "'", with: "''") + "'::regclass"
            return [
                """
                SELECT a.attname AS "Column", pg_catalog.format_type(a.atttypid, a.atttypmod) AS "Type",
                  CASE WHEN a.attnotnull THEN 'not null' ELSE '' END AS "Nullable",
                  COALESCE(pg_catalog.pg_get_expr(d.adbin, d.adrelid), '') AS "Default"
                FROM pg_catalog.pg_attribute a
                LEFT JOIN pg_catalog.pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
                WHERE a.attrelid = \(table) AND a.attnum > 0 AND NOT a.attisdropped
                ORDER BY a.attnum
                """,
                """
                SELECT i.indexrelid::regclass AS "Index", pg_catalog.pg_get_indexdef(i.indexrelid) AS "Definition"
                FROM pg_catalog.pg_index i WHERE i.indrelid = \(table) ORDER BY 1
                """,
            ]
        }
    }

    /// Sends a CancelRequest (`PQcancel`); the server then fails the statement with 57014.
    public func cancelAction() -> @Sendable () -> String? {
        let canceller = client.canceller
        return {
            guard let canceller else { return "cannot cancel: the connection has no cancel key" }
            return canceller.cancel().map { "could not send cancel request: \($0)" }
        }
    }
}
