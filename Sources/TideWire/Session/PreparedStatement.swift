import TideSQL

/// A statement made by Parse: its text, the parameter types (0: let TideDB decide), and the
/// statement parsed with its placeholders (nil when the compatibility layer answers it).
struct PreparedStatement: Sendable {
    var sql: String
    var parameterTypes: [Int32]
    var parsed: Statement?
}

/// A portal made by Bind: the statement's text with its parameters in place, the result
/// formats, and once it ran, the result rows still to send.
struct Portal: Sendable {
    var sql: String
    var parsed: Statement?
    var resultFormats: [WireFormat]
    /// The answer, once computed (Describe of a read-only statement computes it early).
    var result: WireResult?
    /// The parameters as text, for statements the compatibility layer answers.
    var textParameters: [String?] = []
    /// Rows already sent by Executes with a row limit.
    var sent: Int = 0
}
