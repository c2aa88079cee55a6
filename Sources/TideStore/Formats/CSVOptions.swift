import TideCore

/// The CSV dialect of `LOAD DATA` and `SELECT ... INTO OUTFILE` (OpenMLDB's option names).
///
/// | option       | default | meaning                                                     |
/// |--------------|---------|-------------------------------------------------------------|
/// | `format`     | `csv`   | only `csv` is handled here                                  |
/// | `header`     | `true`  | the first line names the columns                            |
/// | `delimiter`  | `,`     | one ASCII character separating fields                       |
/// | `quote`      | `"`     | one ASCII character enclosing fields; `''` means no quoting |
/// | `null_value` | `null`  | an unquoted field equal to this text is NULL                |
///
/// `mode` (and any other statement option) is the caller's business.
public struct CSVOptions: Sendable, Hashable {
    /// True if the first record is a header naming the columns.
    public var header: Bool
    /// The field separator (one ASCII byte).
    public var delimiter: UInt8
    /// The quote character (one ASCII byte), or nil for none.
    public var quote: UInt8?
    /// The text of an unquoted NULL field.
    public var nullValue: String
    /// The zone in which timestamps written as text without an offset are read.
    public var timeZone: SessionTimeZone

    /// The defaults listed above, reading text timestamps in `timeZone`.
    public init(
        header: Bool = true,
        delimiter: UInt8 = UInt8(ascii: ","),
        quote: UInt8? = UInt8(ascii: "\""),
        nullValue: String = "null",
        timeZone: SessionTimeZone = .utc
    ) {
        self.header = header
        self.delimiter = delimiter
        self.quote = quote
        self.nullValue = nullValue
        self.timeZone = timeZone
    }

    /// Applies one `OPTIONS (key = value)` entry (key case-insensitive).
    ///
    /// - Returns: false if `key` is not a CSV option (e.g. `mode`), leaving it to the caller.
    /// - Throws: 22023 for a bad value, 0A000 for a format other than `csv`.
    public mutating func apply(option key: String, value: String) throws -> Bool {
        switch key.lowercased() {
        case "format":
            guard value.lowercased() == "csv" else {
                throw TideError(
                    .featureNotSupported, "format \"\(value)\" is not supported",
                    hint: "use format='csv', 'parquet' or 'postgresql'")
            }
        case "header":
            switch value.lowercased() {
            case "true": header = true
            case "false": header = false
            default: throw TideError.badCSVOption("header", value, expected: "true or false")
            }
        case "delimiter":
            delimiter = try Self.singleByte(value, option: "delimiter")
        case "quote":
            quote = value.isEmpty ? nil : try Self.singleByte(value, option: "quote")
        case "null_value":
            nullValue = value
        default:
            return false
        }
        return true
    }

    /// Checks that the options can be used together (delimiter and quote differ, neither is
    /// a line break).
    public func validate() throws {
        let lineBreaks: [UInt8] = [UInt8(ascii: "\n"), UInt8(ascii: "\r")]
        if lineBreaks.contains(delimiter) {
            throw TideError.badCSVOption("delimiter", "\\n", expected: "a character other than a line break")
        }
        if let quote {
            if lineBreaks.contains(quote) {
                throw TideError.badCSVOption("quote", "\\n", expected: "a character other than a line break")
            }
            if quote == delimiter {
                throw TideError.badCSVOption(
                    "quote", String(decoding: [quote], as: UTF8.self), expected: "a character other than the delimiter")
            }
        }
    }

    private static func singleByte(_ value: String, option: String) throws -> UInt8 {
        let bytes = Array(value.utf8)
        guard bytes.count == 1, let byte = bytes.first, byte < 0x80 else {
            throw TideError.badCSVOption(option, value, expected: "a single ASCII character")
        }
        return byte
    }
}
