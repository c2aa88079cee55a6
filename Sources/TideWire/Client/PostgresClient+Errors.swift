import CLibPQ
import TideCore

/// Turning libpq's error results into `TideError`s.
extension PostgresClient {
    /// `08001` sqlclient_unable_to_establish_sqlconnection.
    static let cannotConnect: SQLState = "08001"
    /// `08006` connection_failure.
    static let connectionLost: SQLState = "08006"
    /// `28P01` invalid_password.
    static let passwordRequired: SQLState = "28P01"

    // The PG_DIAG_* field codes of libpq-fe.h (character constants).
    static let severityField = Int32(UInt8(ascii: "S"))
    static let sqlStateField = Int32(UInt8(ascii: "C"))
    static let messageField = Int32(UInt8(ascii: "M"))
    static let detailField = Int32(UInt8(ascii: "D"))
    static let hintField = Int32(UInt8(ascii: "H"))
    static let positionField = Int32(UInt8(ascii: "P"))

    /// One field of an error or notice result, or nil if the server did not send it.
    static func field(_ result: OpaquePointer, _ code: Int32) -> String? {
        text(PQresultErrorField(result, code))
    }

    /// The error of a failed `result` for statement text `sql`: SQLSTATE, message, detail,
    /// hint, and the position (PostgreSQL's 1-based character index) as a location in `sql`.
    func error(from result: OpaquePointer, sql: String) -> TideError {
        let state = Self.field(result, Self.sqlStateField).map { SQLState(rawValue: $0) }
        let message =
            Self.field(result, Self.messageField)
            ?? Self.trimmingNewlines(Self.text(PQresultErrorMessage(result)) ?? "unknown error")
        let lost = state == nil && PQstatus(connection) != CONNECTION_OK
        return TideError(
            state ?? (lost ? Self.connectionLost : .internalError), message,
            detail: Self.field(result, Self.detailField), hint: Self.field(result, Self.hintField),
            position: Self.field(result, Self.positionField).flatMap(Int.init).flatMap {
                Self.location(ofCharacter: $0, in: sql)
            })
    }

    /// The location of the `position`-th (1-based) Unicode scalar of `text`, as PostgreSQL
    /// counts characters; a position just past the end points at the end.
    public static func location(ofCharacter position: Int, in text: String) -> SourceLocation? {
        guard position >= 1 else { return nil }
        var location = SourceLocation.start
        var remaining = position - 1
        for scalar in text.unicodeScalars {
            guard remaining > 0 else { break }
            location.offset += UTF8.width(scalar)
            if scalar == "\n" {
                location.line += 1
                location.column = 1
            } else {
                location.column += 1
            }
            remaining -= 1
        }
        return remaining > 0 ? nil : location
    }

    /// `message` without trailing newlines (libpq's messages end with one).
    static func trimmingNewlines(_ message: String) -> String {
        var text = Substring(message)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
