import TideCore

/// The errors the CSV reader and writer raise, one factory per condition.
extension TideError {
    /// SQLSTATE 23502: a NULL reached a NOT NULL column.
    private static let notNullViolation: SQLState = "23502"

    /// 22023: an option has a value it cannot take.
    static func badCSVOption(_ option: String, _ value: String, expected: String) -> TideError {
        TideError(
            .invalidParameterValue, "invalid value for option \(option): \"\(value)\"", hint: "expected \(expected)")
    }

    /// 22P02: a field cannot be read as its column's type.
    static func badCSVValue(file: String, line: Int, column: String, text: String, type: DataType) -> TideError {
        TideError(
            .invalidTextRepresentation,
            "bad value in \(file):\(line), column \"\(column)\": \"\(clipped(text))\" is not \(article(type)) \(type)")
    }

    /// 22003: an integer field does not fit its column's type.
    static func csvValueOutOfRange(file: String, line: Int, column: String, text: String, type: DataType) -> TideError {
        TideError(
            .numericValueOutOfRange,
            "bad value in \(file):\(line), column \"\(column)\": \"\(clipped(text))\" is out of range for \(type)")
    }

    /// 22P02: a string field is not valid UTF-8.
    static func csvInvalidUTF8(file: String, line: Int, column: String) -> TideError {
        TideError(.invalidTextRepresentation, "bad value in \(file):\(line), column \"\(column)\": invalid UTF-8")
    }

    /// 23502: an empty or null field for a NOT NULL column.
    static func csvNullInNotNullColumn(file: String, line: Int, column: String) -> TideError {
        TideError(
            notNullViolation,
            "null value in \(file):\(line), column \"\(column)\" violates its not-null constraint")
    }

    /// 22P02: a record has more or fewer fields than the header or table.
    static func csvFieldCount(file: String, line: Int, expected: Int, found: Int) -> TideError {
        TideError(
            .invalidTextRepresentation,
            "bad row in \(file):\(line): expected \(expected) fields, found \(found)")
    }

    /// 22P02: a quoted field is not closed before the end of the file.
    static func csvUnterminatedQuote(file: String, line: Int) -> TideError {
        TideError(.invalidTextRepresentation, "bad row in \(file):\(line): quoted field is not closed")
    }

    /// 22P02: text follows a closing quote before the next delimiter.
    static func csvTextAfterQuote(file: String, line: Int, field: Int) -> TideError {
        TideError(
            .invalidTextRepresentation,
            "bad row in \(file):\(line): field \(field) has text after its closing quote",
            hint: "double a quote inside a quoted field (\"\")")
    }

    /// 42703: the header names a column the table does not have.
    static func csvUnknownHeaderColumn(file: String, name: String, table: String) -> TideError {
        TideError(
            .undefinedColumn, "header of \(file) names column \"\(name)\", which table \"\(table)\" does not have")
    }

    /// 22P02: the header lacks a table column, or names one twice.
    static func csvBadHeader(file: String, reason: String) -> TideError {
        TideError(.invalidTextRepresentation, "bad header in \(file): \(reason)")
    }

    /// 58030: `mode='error_if_exists'` and the output file exists.
    static func fileAlreadyExists(_ path: String) -> TideError {
        TideError(
            .ioError, "file \"\(path)\" already exists", hint: "use mode='overwrite' or mode='append'")
    }

    /// 53200: the text of a block of rows could not get its memory.
    static func csvOutOfMemory(rows: Int) -> TideError {
        TideError(
            .outOfMemory, "out of memory formatting \(rows) rows of CSV output",
            hint: "free memory, or write fewer rows per statement")
    }

    /// 22023: a value cannot be written unambiguously without a quote character.
    static func csvNeedsQuote(_ text: String) -> TideError {
        TideError(
            .invalidParameterValue, "cannot write \"\(clipped(text))\" without a quote character",
            hint: "set the quote option")
    }

    private static func article(_ type: DataType) -> String {
        switch type {
        case .int16, .int32, .int64: return "an"
        case .bool, .float, .double, .string, .date, .timestamp: return "a"
        }
    }

    private static func clipped(_ text: String) -> String {
        text.count <= 60 ? text : String(text.prefix(57)) + "..."
    }
}
