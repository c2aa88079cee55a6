import Synchronization
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
    /// The time zone last reported to the client in a ParameterStatus.
    private var reportedTimeZone: SessionTimeZone
    /// Set from another thread to cancel the running statement (CancelRequest).
    public let cancellation = CancellationFlag()

    /// Parameters reported at start-up and whenever they change (PostgreSQL's GUC_REPORT set).
    static let reported = [
        "server_version", "server_encoding", "client_encoding", "datestyle", "timezone", "integer_datetimes",
        "standard_conforming_strings", "application_name", "intervalstyle", "is_superuser", "session_authorization",
    ]
    /// How PostgreSQL spells the reported names.
    static let spelling = [
        "datestyle": "DateStyle", "timezone": "TimeZone", "intervalstyle": "IntervalStyle",
    ]

    public init(
        database: Database, user: String, parameters: [String: String], serverVersion: String,
        metrics: ServerMetrics?
    ) throws(TideError) {
        session = database.session()
        self.metrics = metrics
        self.serverVersion = serverVersion
        self.user = user
        settings = [
            "server_version": serverVersion, "server_encoding": "UTF8", "client_encoding": "UTF8",
            "datestyle": "ISO, MDY", "timezone": "UTC", "integer_datetimes": "on", "standard_conforming_strings": "on",
            "application_name": "", "intervalstyle": "postgres", "is_superuser": "on", "session_authorization": user,
            "search_path": "public", "transaction_isolation": "read committed", "extra_float_digits": "1",
        ]
        reportedTimeZone = session.timeZone
        for (name, value) in parameters where !["user", "database", "options", "replication"].contains(name) {
            settings[name.lowercased()] = value
        }
        if let zoneName = parameters["TimeZone"] ?? parameters["timezone"], let zone = SessionTimeZone(zoneName) {
            session.timeZone = zone
        }
        settings["timezone"] = session.timeZone.description
        reportedTimeZone = session.timeZone
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
            settings[name].map { .parameterStatus(name: Self.spelling[name] ?? name, value: $0) }
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
        let entries = ScriptParser.parse(sql)
        if entries.isEmpty { return [.emptyQueryResponse] }
        var out: [BackendMessage] = []
        for entry in entries {
            do {
                let result = try run(entry.piece.text, parsed: try entry.result.get())
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
    func run(_ text: String, parsed: Statement?, parameters: [String?] = []) throws -> WireResult {
        if let answer = compatibilityAnswer(text, parameters: parameters) {
            metrics?.statementFinished(error: nil)
            var result = WireResult(answer)
            if case .command("ROLLBACK") = answer {
                // OpenMLDB semantics: no multi-statement transactions; say so rather than pretend.
                result.notices.append("TideDB runs every statement in its own transaction; nothing was rolled back")
            }
            return result
        }
        guard let parsed else { throw TideError(.syntaxError, "statement could not be parsed") }
        do {
            try cancellation.check()
            let result = try session.execute(parsed)
            metrics?.statementFinished(error: nil)
            if case .insert(let insert) = parsed, let count = result.affectedRows {
                let database = insert.table.qualifier.last?.name ?? session.currentDatabase
                metrics?.rowsWritten(database: database, table: insert.table.name.name, count: count)
            }
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
            settings[key] = key == "timezone" ? session.timeZone.description : value
        case .command(let tag):
            switch tag {
            case "BEGIN", "START TRANSACTION": transaction = .inTransaction
            case "COMMIT", "ROLLBACK", "END", "ABORT": transaction = .idle
            default: break
            }
        case .rows: break
        }
        return answer
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
        guard reportedTimeZone != session.timeZone else { return [] }
        reportedTimeZone = session.timeZone
        settings["timezone"] = session.timeZone.description
        return [.parameterStatus(name: "TimeZone", value: session.timeZone.description)]
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

/// A flag another thread sets to cancel the statement a session is running.
public final class CancellationFlag: Sendable {
    private let cancelled = Mutex(false)

    public init() {}

    public func cancel() { cancelled.withLock { $0 = true } }

    /// Throws 57014 (and clears the flag) when a cancel arrived.
    public func check() throws(TideError) {
        let was = cancelled.withLock { flag in
            defer { flag = false }
            return flag
        }
        if was { throw TideError(.queryCanceled, "canceling statement due to user request") }
    }

    /// Forgets a cancel that arrived while nothing ran.
    public func reset() { cancelled.withLock { $0 = false } }
}
