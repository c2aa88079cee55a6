import TideCore
import TideSQL

/// The binder's errors, one factory per condition. Messages are one line, PostgreSQL style.
enum BinderErrors {
    static func at(_ location: NodeLocation) -> SourceLocation { location.location }

    static func undefinedTable(_ name: String, at location: NodeLocation) -> TideError {
        TideError(.undefinedTable, "table \"\(name)\" does not exist", position: at(location))
    }

    static func undefinedDatabase(_ name: String, at location: NodeLocation) -> TideError {
        TideError(.invalidCatalogName, "database \"\(name)\" does not exist", position: at(location))
    }

    static func undefinedColumn(_ name: String, at location: NodeLocation, hint: String? = nil) -> TideError {
        TideError(.undefinedColumn, "column \"\(name)\" does not exist", hint: hint, position: at(location))
    }

    static func ambiguousColumn(_ name: String, at location: NodeLocation) -> TideError {
        TideError(
            .ambiguousColumn, "column reference \"\(name)\" is ambiguous",
            hint: "qualify it with a table name or alias", position: at(location))
    }

    static func typeMismatch(_ message: String, at location: NodeLocation) -> TideError {
        TideError(.datatypeMismatch, message, position: at(location))
    }

    static func window(_ message: String, at location: NodeLocation, hint: String? = nil) -> TideError {
        TideError(.windowingError, message, hint: hint, position: at(location))
    }

    static func unsupported(_ message: String, at location: NodeLocation, hint: String? = nil) -> TideError {
        TideError(.featureNotSupported, message, hint: hint, position: at(location))
    }

    static func grouping(_ message: String, at location: NodeLocation) -> TideError {
        TideError("42803", message, position: at(location))
    }
}
