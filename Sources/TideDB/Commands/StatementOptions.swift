import TideCore
import TideSQL
import TideStore

/// Reading `OPTIONS (...)` entries as text, and applying the CSV ones.
enum StatementOptions {
    /// An option's value as text (strings, numbers, booleans, bare words).
    static func text(_ value: OptionValue) throws -> String {
        guard case .expr(let expr) = value else {
            throw TideError(.invalidParameterValue, "option value must be a single value, not a list")
        }
        switch expr.kind {
        case .literal(.string(let s)): return s
        case .literal(.bool(let b)): return b ? "true" : "false"
        case .literal(.integer(let v)), .literal(.long(let v)): return String(v)
        case .literal(.double(let v)): return String(v)
        case .column(let name) where name.parts.count == 1: return name.name.name
        default:
            throw TideError(
                .invalidParameterValue, "option value \(SQLPrinter.print(expr)) must be a literal",
                position: expr.location.location)
        }
    }

    /// CSV options from a statement's OPTIONS, plus the `mode` value and unknown option names.
    static func csv(_ options: OptionList?, timeZone: SessionTimeZone) throws -> (
        csv: CSVOptions, mode: String?, ignored: [String]
    ) {
        var csv = CSVOptions(timeZone: timeZone)
        var mode: String?
        var ignored: [String] = []
        for entry in options?.entries ?? [] {
            let key = entry.name.name.lowercased()
            let value = try text(entry.value)
            if key == "mode" {
                mode = value
            } else if try !csv.apply(option: key, value: value) {
                ignored.append(entry.name.name)
            }
        }
        try csv.validate()
        return (csv, mode, ignored)
    }
}
