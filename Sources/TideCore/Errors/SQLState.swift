/// A PostgreSQL SQLSTATE code. Every user-visible TideDB error carries one, so clients
/// (psql, psycopg, JDBC) can react to the class of the error rather than its text.
public struct SQLState: RawRepresentable, Hashable, Sendable, ExpressibleByStringLiteral,
    CustomStringConvertible
{
    public var rawValue: String

    public init(rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { self.rawValue = value }

    public var description: String { rawValue }

    // MARK: - Class 0A — Feature Not Supported
    public static let featureNotSupported: SQLState = "0A000"

    // MARK: - Class 08 — Connection Exception
    public static let protocolViolation: SQLState = "08P01"
    public static let connectionFailure: SQLState = "08006"

    // MARK: - Class 22 — Data Exception
    public static let numericValueOutOfRange: SQLState = "22003"
    public static let invalidDatetimeFormat: SQLState = "22007"
    public static let divisionByZero: SQLState = "22012"
    public static let invalidParameterValue: SQLState = "22023"
    public static let invalidTextRepresentation: SQLState = "22P02"

    // MARK: - Class 26/34 — Invalid statement or cursor name
    public static let invalidStatementName: SQLState = "26000"
    public static let invalidCursorName: SQLState = "34000"

    // MARK: - Class 38 — External Routine Exception (an error an external engine reported)
    public static let externalRoutineException: SQLState = "38000"

    // MARK: - Class 3D — Invalid Catalog Name
    public static let invalidCatalogName: SQLState = "3D000"

    // MARK: - Class 42 — Syntax Error or Access Rule Violation
    public static let syntaxError: SQLState = "42601"
    public static let undefinedTable: SQLState = "42P01"
    public static let undefinedColumn: SQLState = "42703"
    public static let ambiguousColumn: SQLState = "42702"
    public static let undefinedFunction: SQLState = "42883"
    public static let datatypeMismatch: SQLState = "42804"
    public static let duplicateTable: SQLState = "42P07"
    public static let duplicateDatabase: SQLState = "42P04"
    public static let undefinedObject: SQLState = "42704"
    public static let duplicateObject: SQLState = "42710"
    public static let duplicateColumn: SQLState = "42701"
    public static let windowingError: SQLState = "42P20"

    // MARK: - Class 53 — Insufficient Resources
    public static let outOfMemory: SQLState = "53200"

    // MARK: - Class 57 — Operator Intervention
    public static let queryCanceled: SQLState = "57014"
    public static let adminShutdown: SQLState = "57P01"

    // MARK: - Class 58 — System Error
    public static let ioError: SQLState = "58030"

    // MARK: - Class XX — Internal Error
    public static let internalError: SQLState = "XX000"
    public static let dataCorrupted: SQLState = "XX001"
}

extension SQLState {
    /// Lets `catch SQLState.syntaxError` match any `TideError` with that code (GRDB style).
    public static func ~= (pattern: SQLState, error: any Error) -> Bool {
        (error as? TideError)?.code == pattern
    }
}
