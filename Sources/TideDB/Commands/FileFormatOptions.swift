import TideCore
import TideSQL
import TideStore

/// The `format` of a `LOAD DATA` source or an `INTO OUTFILE` target, with its own options.
enum FileFormatOptions {
    /// Comma-separated text (the default).
    case csv(CSVOptions)
    /// Parquet files; `compression` and `rowGroupRows` apply to writing.
    case parquet(compression: String?, rowGroupRows: Int?)
    /// A PostgreSQL table or query (the path is a `postgresql://` URL).
    case postgresql(table: String?, query: String?)

    /// The format options, the `mode` value and the names of options the format does not use.
    static func parse(_ options: OptionList?, timeZone: SessionTimeZone) throws -> (
        format: FileFormatOptions, mode: String?, ignored: [String]
    ) {
        var format = "csv"
        for entry in options?.entries ?? [] where entry.name.name.lowercased() == "format" {
            format = try StatementOptions.text(entry.value).lowercased()
        }
        switch format {
        case "csv":
            let (csv, mode, ignored) = try StatementOptions.csv(options, timeZone: timeZone)
            return (.csv(csv), mode, ignored)
        case "parquet":
            let (values, mode, ignored) = try Self.entries(options, known: ["compression", "row_group_rows"])
            var rowGroupRows: Int?
            if let text = values["row_group_rows"] {
                guard let rows = Int(text), rows > 0, rows <= 100_000_000 else {
                    throw TideError(
                        .invalidParameterValue, "invalid row_group_rows \"\(text)\"",
                        hint: "use a number of rows between 1 and 100000000")
                }
                rowGroupRows = rows
            }
            return (
                .parquet(compression: values["compression"]?.lowercased(), rowGroupRows: rowGroupRows), mode, ignored
            )
        case "postgresql", "postgres":
            let (values, mode, ignored) = try Self.entries(options, known: ["table", "query"])
            return (.postgresql(table: values["table"], query: values["query"]), mode, ignored)
        default:
            throw TideError(
                .featureNotSupported, "format \"\(format)\" is not supported",
                hint: "use format='csv', 'parquet' or 'postgresql'")
        }
    }

    /// The values of the `known` options (lower-case names), `mode`, and the names of the
    /// other options (`format` aside).
    private static func entries(_ options: OptionList?, known: Set<String>) throws -> (
        values: [String: String], mode: String?, ignored: [String]
    ) {
        var values: [String: String] = [:]
        var mode: String?
        var ignored: [String] = []
        for entry in options?.entries ?? [] {
            let name = entry.name.name.lowercased()
            let value = try StatementOptions.text(entry.value)
            if name == "mode" {
                mode = value
            } else if known.contains(name) {
                values[name] = value
            } else if name != "format" {
                ignored.append(entry.name.name)
            }
        }
        return (values, mode, ignored)
    }
}
