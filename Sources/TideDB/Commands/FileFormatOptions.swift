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
            var mode: String?
            var compression: String?
            var rowGroupRows: Int?
            var ignored: [String] = []
            for entry in options?.entries ?? [] {
                let value = try StatementOptions.text(entry.value)
                switch entry.name.name.lowercased() {
                case "format": break
                case "mode": mode = value
                case "compression": compression = value.lowercased()
                case "row_group_rows":
                    guard let rows = Int(value), rows > 0, rows <= 100_000_000 else {
                        throw TideError(
                            .invalidParameterValue, "invalid row_group_rows \"\(value)\"",
                            hint: "use a number of rows between 1 and 100000000")
                    }
                    rowGroupRows = rows
                default: ignored.append(entry.name.name)
                }
            }
            return (.parquet(compression: compression, rowGroupRows: rowGroupRows), mode, ignored)
        case "postgresql", "postgres":
            var mode: String?
            var table: String?
            var query: String?
            var ignored: [String] = []
            for entry in options?.entries ?? [] {
                let value = try StatementOptions.text(entry.value)
                switch entry.name.name.lowercased() {
                case "format": break
                case "mode": mode = value
                case "table": table = value
                case "query": query = value
                default: ignored.append(entry.name.name)
                }
            }
            return (.postgresql(table: table, query: query), mode, ignored)
        default:
            throw TideError(
                .featureNotSupported, "format \"\(format)\" is not supported",
                hint: "use format='csv', 'parquet' or 'postgresql'")
        }
    }
}
