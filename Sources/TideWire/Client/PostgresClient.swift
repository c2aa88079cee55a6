import CLibPQ
import TideCore

/// A minimal PostgreSQL client over libpq, for `tide shell --connect`: one connection,
/// statements sent one at a time with the simple query protocol (`PQexec`), results as text.
/// It speaks to `tide serve` and to a real PostgreSQL server alike.
///
/// Not thread-safe: use a client from one thread at a time. Only `canceller` may be used
/// from another thread, to cancel the statement running.
public final class PostgresClient {
    /// The `PGconn *`; closed in `deinit`.
    let connection: OpaquePointer
    /// Where the notice receiver puts the notices of the statement running.
    private let notices = NoticeCollector()
    /// Cancels the running statement from another thread; replaced after a reconnect.
    public private(set) var canceller: PostgresCanceller?

    /// Connects with a libpq connection string: a URI (`postgresql://host:port/db`) or
    /// `key=value` pairs. `password` is used when given (otherwise libpq's usual sources:
    /// the URI, `PGPASSWORD`, `~/.pgpass`).
    /// - Throws: `08001` if the connection fails, `28P01` if the server wants a password and
    ///   none was given (see `TideError.hint`).
    public init(_ conninfo: String, password: String? = nil) throws(TideError) {
        let connection = Self.connect(conninfo, password: password)
        guard let connection else {
            throw TideError(Self.cannotConnect, "could not connect: out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.trimmingNewlines(Self.text(PQerrorMessage(connection)) ?? "connection failed")
            let needsPassword = PQconnectionNeedsPassword(connection) == 1
            PQfinish(connection)
            throw TideError(
                needsPassword ? Self.passwordRequired : Self.cannotConnect, "could not connect: " + message,
                hint: needsPassword ? "the server requires a password" : nil)
        }
        self.connection = connection
        self.canceller = PostgresCanceller(connection: connection)
        PQsetNoticeReceiver(connection, Self.receiveNotice, Unmanaged.passUnretained(notices).toOpaque())
    }

    deinit { PQfinish(connection) }

    /// A server parameter reported at start-up or since (`server_version`, `TimeZone`, ...).
    public func serverParameter(_ name: String) -> String? {
        Self.text(PQparameterStatus(connection, name))
    }

    /// The server's host, port and database, as connected.
    public var endpoint: String {
        let host = Self.text(PQhost(connection)) ?? "?"
        let port = Self.text(PQport(connection)) ?? "?"
        let database = Self.text(PQdb(connection)) ?? ""
        return "\(host):\(port)/\(database)"
    }

    /// Runs `sql` (one statement, or several: only the last result is returned) and returns
    /// its result. A connection that was lost is re-established first.
    /// - Throws: the server's error as a `TideError`: its SQLSTATE, message, detail, hint
    ///   and position (a location in `sql`); `08006` if the connection is lost.
    public func execute(_ sql: String) throws(TideError) -> PostgresResult {
        let reconnected = try reconnectIfNeeded()
        notices.messages =
            reconnected
            ? ["NOTICE: the connection was lost and has been re-established; session settings were reset"] : []
        guard let result = PQexec(connection, sql) else {
            let message = Self.trimmingNewlines(Self.text(PQerrorMessage(connection)) ?? "no result from the server")
            throw TideError(Self.connectionLost, message)
        }
        defer { PQclear(result) }
        let status = PQresultStatus(result)
        switch status {
        case PGRES_TUPLES_OK, PGRES_SINGLE_TUPLE:
            return PostgresResult(
                columns: Self.columns(result), rows: Self.rows(result), commandTag: Self.commandTag(result),
                notices: notices.messages)
        case PGRES_COMMAND_OK:
            return PostgresResult(
                columns: nil, rows: [], commandTag: Self.commandTag(result), notices: notices.messages)
        case PGRES_EMPTY_QUERY:
            return PostgresResult(columns: nil, rows: [], commandTag: "", notices: notices.messages)
        case PGRES_FATAL_ERROR, PGRES_NONFATAL_ERROR, PGRES_BAD_RESPONSE:
            throw error(from: result, sql: sql)
        default:
            // COPY (and replication) need a protocol this client does not speak: end it so the
            // connection is usable again.
            let name = Self.text(PQresStatus(status)) ?? "\(status)"
            abandonCopy()
            throw TideError(.featureNotSupported, "the shell cannot handle a \(name) result")
        }
    }

    /// Ends a COPY the server started: fails COPY FROM STDIN, discards COPY TO STDOUT data,
    /// and reads the results up to the end of the statement.
    private func abandonCopy() {
        _ = PQputCopyEnd(connection, "COPY is not supported by tide shell")
        var buffer: UnsafeMutablePointer<CChar>?
        while PQgetCopyData(connection, &buffer, 0) > 0 {
            PQfreemem(buffer)
            buffer = nil
        }
        while let next = PQgetResult(connection) {
            let status = PQresultStatus(next)
            PQclear(next)
            if status == PGRES_COPY_IN || status == PGRES_COPY_OUT || status == PGRES_COPY_BOTH { break }
        }
    }

    /// After a lost connection, tries once to connect again (as psql does). Returns whether
    /// it reconnected.
    private func reconnectIfNeeded() throws(TideError) -> Bool {
        guard PQstatus(connection) != CONNECTION_OK else { return false }
        PQreset(connection)
        guard PQstatus(connection) == CONNECTION_OK else {
            throw TideError(
                Self.connectionLost,
                "the connection to the server was lost; reconnecting failed: "
                    + Self.trimmingNewlines(Self.text(PQerrorMessage(connection)) ?? ""))
        }
        canceller = PostgresCanceller(connection: connection)
        return true
    }

    private static func connect(_ conninfo: String, password: String?) -> OpaquePointer? {
        guard let password else { return PQconnectdb(conninfo) }
        // expand_dbname = 1: "dbname" may hold a whole connection string or URI.
        let keywords = ["dbname", "password"]
        let values = [conninfo, password]
        return withCStrings(keywords) { keywordPointers in
            withCStrings(values) { valuePointers in PQconnectdbParams(keywordPointers, valuePointers, 1) }
        }
    }

    /// Calls `body` with a NULL-terminated array of C strings for `strings`.
    private static func withCStrings<R>(_ strings: [String], _ body: ([UnsafePointer<CChar>?]) -> R) -> R {
        let copies = strings.map { string in
            let bytes = string.utf8CString
            let copy = UnsafeMutableBufferPointer<CChar>.allocate(capacity: bytes.count)
            _ = copy.initialize(from: bytes)
            return copy
        }
        defer { copies.forEach { $0.deallocate() } }
        return body(copies.map { $0.baseAddress.map { UnsafePointer($0) } } + [nil])
    }

    // MARK: - Reading results

    private static func columns(_ result: OpaquePointer) -> [PostgresResult.Column] {
        (0..<PQnfields(result)).map { index in
            PostgresResult.Column(name: text(PQfname(result, index)) ?? "?column?", typeOID: PQftype(result, index))
        }
    }

    private static func rows(_ result: OpaquePointer) -> [[String?]] {
        let fields = PQnfields(result)
        return (0..<PQntuples(result)).map { row in
            (0..<fields).map { field in
                PQgetisnull(result, row, field) == 1 ? nil : text(PQgetvalue(result, row, field)) ?? ""
            }
        }
    }

    private static func commandTag(_ result: OpaquePointer) -> String {
        text(PQcmdStatus(result)) ?? ""
    }

    /// A C string as a `String` (invalid UTF-8 repaired), or nil for NULL.
    static func text(_ pointer: UnsafePointer<CChar>?) -> String? {
        pointer.map { String(cString: $0) }
    }

    static func text(_ pointer: UnsafeMutablePointer<CChar>?) -> String? {
        text(pointer.map { UnsafePointer($0) })
    }

    // MARK: - Notices

    /// Collects the notices of the statement running; the notice receiver's `arg`.
    private final class NoticeCollector {
        var messages: [String] = []
    }

    /// libpq's notice receiver: appends `SEVERITY: message` to the `NoticeCollector`.
    private static let receiveNotice: PQnoticeReceiver = { argument, result in
        guard let argument, let result else { return }
        let collector = Unmanaged<NoticeCollector>.fromOpaque(argument).takeUnretainedValue()
        let severity = PostgresClient.field(result, PostgresClient.severityField) ?? "NOTICE"
        let message =
            PostgresClient.field(result, PostgresClient.messageField)
            ?? PostgresClient.trimmingNewlines(PostgresClient.text(PQresultErrorMessage(result)) ?? "")
        collector.messages.append("\(severity): \(message)")
    }
}
