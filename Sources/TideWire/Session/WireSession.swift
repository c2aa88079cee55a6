import TideCore
import TideDB
import TideMetrics
import TideSQL

/// One connection's SQL session as the wire protocol drives it: a TideDB `Session` plus the
/// PostgreSQL-side state (session parameters, prepared statements, portals, transaction
/// indicator). Messages go in, backend messages come out; no sockets, so tests drive it
/// directly. Not thread-safe: a connection runs its messages one at a time, in order.
public final class WireSession {
    public let session: Session
    let metrics: ServerMetrics?
    let serverVersion: String
    let user: String
    /// PostgreSQL session parameters (lower-case names), what SHOW and ParameterStatus report.
    var settings: [String: String]
    var statements: [String: PreparedStatement] = [:]
    var portals: [String: Portal] = [:]
    var transaction: TransactionStatus = .idle
    /// The reported settings as the client last saw them.
    private var reportedValues: [String: String] = [:]
    /// The settings at start-up, which `RESET` restores.
    private var initialSettings: [String: String] = [:]
    /// Cancels the running statement from another thread (CancelRequest).
    public var interrupt: StatementInterrupt { session.interrupt }

    /// Parameters reported at start-up and whenever they change (PostgreSQL's GUC_REPORT set).
    static let reported = [
        "server_version", "server_encoding", "client_encoding", "datestyle", "timezone", "integer_datetimes",
        "standard_conforming_strings", "application_name", "intervalstyle", "is_superuser", "session_authorization",
    ]

    public init(
        database: Database, user: String, parameters: [String: String], serverVersion: String,
        metrics: ServerMetrics?, statementTimeoutMs: Int64 = 0
    ) throws(TideError) {
        session = database.session()
        self.metrics = metrics
        self.serverVersion = serverVersion
        self.user = user
        // The reported parameters start at PostgreSQL's defaults (the compatibility layer's
        // table answers SHOW for every other parameter).
        var settings = Dictionary(
            uniqueKeysWithValues: Self.reported.map { ($0, SessionParameters.known[$0]?.defaultValue ?? "") })
        settings["server_version"] = serverVersion
        settings["session_authorization"] = user
        for (name, value) in parameters where !["user", "database", "options", "replication"].contains(name) {
            settings[name.lowercased()] = value
        }
        self.settings = settings
        if let zoneName = parameters["TimeZone"] ?? parameters["timezone"], let zone = SessionTimeZone(zoneName) {
            session.timeZone = zone
        }
        self.settings["timezone"] = session.timeZone.description
        initialSettings = self.settings
        reportedValues = self.settings
        if statementTimeoutMs > 0 { session.statementTimeoutMs = statementTimeoutMs }
        if let name = parameters["database"], !name.isEmpty, name != user || database.databaseExists(name) {
            guard database.databaseExists(name) else {
                throw TideError(.invalidCatalogName, "database \"\(name)\" does not exist")
            }
            session.currentDatabase = name
        }
    }

    /// The ParameterStatus messages sent after authentication.
    public func startupMessages() -> [BackendMessage] {
        Self.reported.compactMap { name in
            settings[name].map { .parameterStatus(name: SessionParameters.spelling(name), value: $0) }
        }
    }

    // MARK: - Simple query

    /// A `Query` message: every statement of the text in order, stopping at the first error;
    /// ends with ReadyForQuery.
    public func simpleQuery(_ sql: String) -> [BackendMessage] {
        simpleQueryResults(sql) + [.readyForQuery(transaction)]
    }

    private func simpleQueryResults(_ sql: String) -> [BackendMessage] {
        if compatibilityAnswer(sql, parameters: [], apply: false) != nil {
            do {
                return send(try run(sql, parsed: nil), formats: [], describe: true)
            } catch {
                return [.error(errorFields(error, sql: sql))]
            }
        }
        let entries = session.parseScript(sql)
        if entries.isEmpty { return [.emptyQueryResponse] }
        var out: [BackendMessage] = []
        for entry in entries {
            do {
                let result = try run(
                    entry.piece.text, parsed: try entry.result.get(), askCompatibility: entries.count > 1)
                out += send(result, formats: [], describe: true)
            } catch {
                out.append(.error(errorFields(error, sql: sql)))
                return out
            }
        }
        return out
    }

    // MARK: - Running one statement

    /// Runs one statement (compatibility answers first), recording metrics.
    ///
    /// `askCompatibility` false skips the compatibility layer when the caller already knows
    /// it does not answer `text` (a prepared statement it declined at Parse; the single
    /// statement of a simple query it declined as a whole): requests skip a second scan.
    func run(_ text: String, parsed: Statement?, parameters: [String?] = [], askCompatibility: Bool = true) throws
        -> WireResult
    {
        if askCompatibility || parsed == nil, let answer = compatibilityAnswer(text, parameters: parameters) {
            metrics?.statementFinished(error: nil)
            var result = WireResult(answer)
            if case .command("ROLLBACK") = answer {
                // OpenMLDB semantics: no multi-statement transactions; say so rather than pretend.
                result.notices.append("TideDB runs every statement in its own transaction; nothing was rolled back")
            }
            return result
        }
        guard let parsed else { throw TideError(.syntaxError, "statement could not be parsed") }
        return try recordingMetrics {
            let result = try session.execute(parsed)
            if case .insert(let insert) = parsed, let count = result.affectedRows {
                let database = insert.table.qualifier.last?.name ?? session.currentDatabase
                metrics?.rowsWritten(database: database, table: insert.table.name.name, count: count)
            }
            return result
        }
    }

    /// Runs one statement's `body`, counting it as finished or failed (with its SQLSTATE).
    func recordingMetrics(_ body: () throws -> StatementResult) throws -> WireResult {
        do {
            let result = try body()
            metrics?.statementFinished(error: nil)
            return WireResult(result)
        } catch {
            metrics?.statementFinished(error: (error as? TideError)?.code ?? .internalError)
            throw error
        }
    }

    /// Asks the compatibility layer; applies SET and transaction commands it recognizes.
    func compatibilityAnswer(_ sql: String, parameters: [String?], apply: Bool = true) -> CompatibilityAnswer? {
        guard let answer = PostgresCompatibility.answer(sql, parameters: parameters, context: compatibilityContext)
        else {
            return nil
        }
        guard apply else { return answer }
        switch answer {
        case .set(let name, let value, _):
            let key = name.lowercased()
            if key == "timezone", let zone = SessionTimeZone(value) { session.timeZone = zone }
            if key == "statement_timeout" { session.statementTimeoutMs = Self.milliseconds(value) ?? 0 }
            settings[key] = key == "timezone" ? session.timeZone.description : value
        case .command(let tag):
            switch tag {
            case "BEGIN", "START TRANSACTION": transaction = .inTransaction
            case "COMMIT", "END", "ABORT": transaction = .idle
            case "ROLLBACK":
                // ROLLBACK TO SAVEPOINT keeps the transaction open.
                if !sql.lowercased().contains("savepoint") { transaction = .idle }
            case "DEALLOCATE", "DEALLOCATE ALL": deallocate(sql)
            case "RESET", "RESET ALL": reset(sql)
            default: break
            }
        case .rows: break
        }
        return answer
    }

    /// PostgreSQL's `statement_timeout` values: `500`, `'2s'`, `'1min'`, `0`.
    static func milliseconds(_ text: String) -> Int64? {
        let trimmed = text.trimmingSpaces.lowercased()
        let digits = trimmed.prefix { $0.isNumber }
        guard let n = Int64(digits) else { return nil }
        switch String(trimmed.dropFirst(digits.count)).trimmingSpaces {
        case "", "ms": return n
        case "s": return n * 1000
        case "min": return n * 60_000
        case "h": return n * 3_600_000
        default: return nil
        }
    }

    // MARK: - Sending results

    /// RowDescription (when `describe`), DataRows, notices and CommandComplete of a result;
    /// plus ParameterStatus for settings the statement changed.
    func send(_ result: WireResult, formats: [WireFormat], describe: Bool, rows range: Range<Int>? = nil)
        -> [BackendMessage]
    {
        var out: [BackendMessage] = []
        if describe, let columns = result.columns { out.append(.rowDescription(fields(columns, formats: formats))) }
        out += encodeRows(result, formats: formats, range: range ?? 0..<result.rows.count)
        for notice in result.notices { out.append(.notice(.warning(notice))) }
        out += changedParameters()
        out.append(.commandComplete(tag: result.tag))
        return out
    }

    func fields(_ columns: [WireResult.Column], formats: [WireFormat]) -> [FieldDescription] {
        columns.enumerated().map { i, column in
            FieldDescription(name: column.name, type: column.type, format: WireFormat.pick(formats, i))
        }
    }

    func encodeRows(_ result: WireResult, formats: [WireFormat], range: Range<Int>) -> [BackendMessage] {
        let encoder = WireValueEncoder(timeZone: session.timeZone)
        let count = result.columns?.count ?? 0
        let columnFormats = (0..<count).map { WireFormat.pick(formats, $0) }
        return result.rows[range].map { row in
            .dataRow(zip(row, columnFormats).map { encoder.encode($0, format: $1) })
        }
    }

    /// ParameterStatus for reported settings that changed since they were last sent.
    private func changedParameters() -> [BackendMessage] {
        settings["timezone"] = session.timeZone.description
        var out: [BackendMessage] = []
        for name in Self.reported where settings[name] != reportedValues[name] {
            reportedValues[name] = settings[name]
            out.append(.parameterStatus(name: SessionParameters.spelling(name), value: settings[name] ?? ""))
        }
        return out
    }

    /// `DEALLOCATE [PREPARE] name | ALL`: forgets prepared statements.
    private func deallocate(_ sql: String) {
        let words = sql.split { $0.isWhitespace || $0 == ";" }.map { String($0) }
        guard let last = words.last, words.count >= 2 else { return }
        if last.lowercased() == "all" {
            statements.removeAll()
        } else {
            statements[String(last.filter { $0 != "\"" })] = nil
        }
    }

    /// `RESET name | ALL`: back to the start-up value.
    private func reset(_ sql: String) {
        let words = sql.split { $0.isWhitespace || $0 == ";" }.map { $0.lowercased() }
        guard let name = words.last, words.count >= 2 else { return }
        let names = name == "all" ? Array(initialSettings.keys) : [name]
        for key in names {
            settings[key] = initialSettings[key]
            if key == "timezone", let zone = initialSettings[key].flatMap(SessionTimeZone.init) {
                session.timeZone = zone
            }
            if key == "statement_timeout" { session.statementTimeoutMs = 0 }
        }
    }

    // MARK: - Errors

    /// The ErrorResponse fields of a failure; positions become 1-based characters of `sql`.
    func errorFields(_ error: any Error, sql: String) -> ErrorFields {
        let tideError = error as? TideError ?? TideError.internal(String(describing: error))
        var fields = ErrorFields.from(tideError)
        if let offset = tideError.position?.offset {
            let bytes = Array(sql.utf8)
            let prefix = bytes[..<min(max(offset, 0), bytes.count)]
            fields.position = String(decoding: prefix, as: UTF8.self).count + 1
        }
        return fields
    }
}
