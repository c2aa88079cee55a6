import TideCore

/// A message the server sends.
public enum BackendMessage: Sendable, Equatable {
    case authenticationOk
    case authenticationCleartextPassword
    /// SCRAM: the mechanisms the server offers.
    case authenticationSASL(mechanisms: [String])
    case authenticationSASLContinue([UInt8])
    case authenticationSASLFinal([UInt8])
    case parameterStatus(name: String, value: String)
    case backendKeyData(processID: Int32, secretKey: Int32)
    case readyForQuery(TransactionStatus)
    case rowDescription([FieldDescription])
    /// One row; each value already encoded in its column's format (nil: NULL).
    case dataRow([[UInt8]?])
    case commandComplete(tag: String)
    case emptyQueryResponse
    case error(ErrorFields)
    case notice(ErrorFields)
    case parseComplete
    case bindComplete
    case closeComplete
    case noData
    case portalSuspended
    case parameterDescription([Int32])
}

/// ReadyForQuery's transaction indicator.
public enum TransactionStatus: UInt8, Sendable, Hashable {
    case idle = 73  // I
    case inTransaction = 84  // T
    case failed = 69  // E
}

/// One column of a RowDescription.
public struct FieldDescription: Sendable, Hashable {
    public var name: String
    public var tableOID: Int32
    public var columnNumber: Int16
    public var typeOID: Int32
    public var typeSize: Int16
    public var typeModifier: Int32
    public var format: WireFormat

    public init(name: String, type: PostgresType, format: WireFormat) {
        self.name = name
        self.tableOID = 0
        self.columnNumber = 0
        self.typeOID = type.oid
        self.typeSize = type.size
        self.typeModifier = -1
        self.format = format
    }
}

/// The fields of an ErrorResponse or NoticeResponse.
public struct ErrorFields: Sendable, Hashable {
    /// `ERROR`, `FATAL`, `WARNING`, `NOTICE`.
    public var severity: String
    public var code: String
    public var message: String
    public var detail: String?
    public var hint: String?
    /// 1-based character position in the statement text.
    public var position: Int?

    public init(
        severity: String, code: String, message: String, detail: String? = nil, hint: String? = nil,
        position: Int? = nil
    ) {
        self.severity = severity
        self.code = code
        self.message = message
        self.detail = detail
        self.hint = hint
        self.position = position
    }

    /// An error for `error`; `source` is the statement text its position refers to, and
    /// `offset` where that statement starts in the text the client sent.
    public static func from(_ error: TideError, severity: String = "ERROR", statementOffset: Int = 0) -> ErrorFields {
        ErrorFields(
            severity: severity, code: error.code.rawValue, message: error.message, detail: error.detail,
            hint: error.hint, position: error.position.map { statementOffset + $0.offset + 1 })
    }

    /// A notice (a warning the statement produced).
    public static func warning(_ message: String) -> ErrorFields {
        ErrorFields(severity: "WARNING", code: "01000", message: message)
    }
}
