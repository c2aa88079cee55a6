import CLibPQ
import Foundation
import TideCore

/// One libpq connection for moving rows between TideDB and a PostgreSQL server with binary
/// `COPY`. The password comes from the URL, `PGPASSWORD` or `~/.pgpass` (libpq's rules);
/// messages name the server by its redacted URL. Not thread-safe.
final class PostgresConnection {
    private let connection: OpaquePointer
    /// The URL without its password, for messages.
    let displayURL: String

    /// Connects and sets the session to UTC (timestamps without a zone are read as UTC).
    /// - Throws: 08001 if the connection fails.
    init(url: String) throws {
        displayURL = PostgresURL.redacted(url)
        guard let connection = PQconnectdb(url) else {
            throw TideError("08001", "could not connect to \(displayURL): out of memory")
        }
        guard PQstatus(connection) == CONNECTION_OK else {
            let message = Self.message(PQerrorMessage(connection), redacting: url)
            PQfinish(connection)
            throw TideError("08001", "could not connect to \(displayURL): \(message)")
        }
        self.connection = connection
        // Server notices (e.g. NOTICE from CREATE TABLE) are not the user's business here;
        // libpq's default would print them on the process's stderr.
        PQsetNoticeProcessor(connection, { _, _ in }, nil)
        _ = try execute("SET TIME ZONE 'UTC'")
    }

    deinit { PQfinish(connection) }

    /// Runs a statement that returns no rows or a few (text results).
    @discardableResult
    func execute(_ sql: String) throws -> [[String?]] {
        guard let result = PQexec(connection, sql) else { throw lostConnection() }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK])
        var rows: [[String?]] = []
        for r in 0..<PQntuples(result) {
            rows.append(
                (0..<PQnfields(result)).map { c in
                    PQgetisnull(result, r, c) == 1 ? nil : String(cString: PQgetvalue(result, r, c))
                })
        }
        return rows
    }

    /// The column names and type OIDs of a query's result (run with `LIMIT 0`).
    func describe(_ query: String) throws -> [(name: String, oid: UInt32)] {
        guard let result = PQexec(connection, "SELECT * FROM (\(query)) AS tide_source LIMIT 0") else {
            throw lostConnection()
        }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_TUPLES_OK])
        return (0..<PQnfields(result)).map { c in (String(cString: PQfname(result, c)), PQftype(result, c)) }
    }

    /// Starts `COPY ... TO STDOUT`; read with `copyOutChunk` until it returns nil.
    func beginCopyOut(_ sql: String) throws {
        guard let result = PQexec(connection, sql) else { throw lostConnection() }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COPY_OUT])
    }

    /// The next chunk of COPY data (one row for binary COPY), or nil at the end.
    func copyOutChunk(into buffer: inout [UInt8]) throws -> Bool {
        var pointer: UnsafeMutablePointer<CChar>?
        let n = PQgetCopyData(connection, &pointer, 0)
        if n > 0, let pointer {
            defer { PQfreemem(pointer) }
            pointer.withMemoryRebound(to: UInt8.self, capacity: Int(n)) {
                buffer.append(contentsOf: UnsafeBufferPointer(start: $0, count: Int(n)))
            }
            return true
        }
        if n == -2 { throw failure(PQerrorMessage(connection)) }
        // -1: the COPY is done; its result says whether it succeeded.
        try finishResults()
        return false
    }

    /// Starts `COPY ... FROM STDIN`; send with `copyIn`, end with `endCopyIn`.
    func beginCopyIn(_ sql: String) throws {
        guard let result = PQexec(connection, sql) else { throw lostConnection() }
        defer { PQclear(result) }
        try check(result, expecting: [PGRES_COPY_IN])
    }

    func copyIn(_ bytes: [UInt8]) throws {
        let status = bytes.withUnsafeBytes { raw in
            PQputCopyData(connection, raw.baseAddress?.assumingMemoryBound(to: CChar.self), Int32(raw.count))
        }
        if status != 1 { throw failure(PQerrorMessage(connection)) }
    }

    /// Ends the COPY (`error` aborts it with that message).
    func endCopyIn(error: String? = nil) throws {
        if PQputCopyEnd(connection, error) != 1 { throw failure(PQerrorMessage(connection)) }
        try finishResults()
    }

    private func finishResults() throws {
        var firstError: (any Error)?
        while let result = PQgetResult(connection) {
            defer { PQclear(result) }
            if firstError == nil {
                do { try check(result, expecting: [PGRES_COMMAND_OK, PGRES_TUPLES_OK]) } catch { firstError = error }
            }
        }
        if let firstError { throw firstError }
    }

    private func check(_ result: OpaquePointer, expecting: [ExecStatusType]) throws {
        let status = PQresultStatus(result)
        guard !expecting.contains(status) else { return }
        let code = PQresultErrorField(result, Int32(UInt8(ascii: "C"))).map { String(cString: $0) } ?? "58030"
        let text =
            PQresultErrorField(result, Int32(UInt8(ascii: "M"))).map { String(cString: $0) }
            ?? Self.message(PQresultErrorMessage(result), redacting: nil)
        throw TideError(SQLState(rawValue: code), "PostgreSQL at \(displayURL): \(text)")
    }

    private func failure(_ message: UnsafePointer<CChar>?) -> TideError {
        TideError("08006", "PostgreSQL at \(displayURL): \(Self.message(message, redacting: nil))")
    }

    private func lostConnection() -> TideError {
        failure(PQerrorMessage(connection))
    }

    private static func message(_ text: UnsafePointer<CChar>?, redacting url: String?) -> String {
        var message = text.map { String(cString: $0) } ?? "unknown error"
        while message.last == "\n" { message.removeLast() }
        if let url, let password = password(in: url), !password.isEmpty {
            message = message.replacingOccurrences(of: password, with: "***")
        }
        return message
    }

    private static func password(in url: String) -> String? {
        let redacted = PostgresURL.redacted(url)
        guard redacted != url, let star = redacted.range(of: ":***@") else { return nil }
        let prefix = redacted[..<star.lowerBound]
        let start = url.index(url.startIndex, offsetBy: prefix.count + 1)
        guard let end = url[start...].lastIndex(of: "@") else { return nil }
        return String(url[start..<end])
    }
}
