/// The one error type users see. It carries a SQLSTATE, a one-line message in PostgreSQL
/// style (lower case, no trailing period), optional detail and hint, and the source position
/// it refers to. Front ends (pgwire, HTTP, shell) only translate it.
public struct TideError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: SQLState
    public var message: String
    public var detail: String?
    public var hint: String?
    public var position: SourceLocation?

    public init(
        _ code: SQLState,
        _ message: String,
        detail: String? = nil,
        hint: String? = nil,
        position: SourceLocation? = nil
    ) {
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// `ERROR 42601: message (at line 1, column 8)`.
    public var description: String {
        var text = "ERROR \(code.rawValue): \(message)"
        if let position { text += " (at \(position))" }
        return text
    }

    /// A failure only a bug can cause, kept as an error (not a crash) where the server must
    /// survive. The file and line say where it was detected.
    public static func `internal`(
        _ message: String,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> TideError {
        TideError(.internalError, "internal error: \(message)", detail: "detected at \(fileID):\(line)")
    }
}
