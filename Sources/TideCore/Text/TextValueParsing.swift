/// How text becomes a value of a column type: one rule for `CAST(string AS type)`, strings
/// written into columns (INSERT, request rows, Kafka messages, DELETE keys: `AssignmentCast`)
/// and CSV fields (`LOAD DATA`, whose byte-level fast paths accept a subset of these spellings
/// with the same results and fall back on these for the rest). Following OpenMLDB's
/// `string_to_*` conversions:
///
///     bool       t, true, y, yes, 1 / f, false, n, no, 0 (any case)
///     integer    [+-]digits or [+-]0x hex digits, surrounding spaces allowed; nil outside int64
///     float      decimal or scientific, inf, nan (any case)
///     date       [-]YYYY-M[M]-D[D] (4 to 7 year digits), YYYYMMDD, or a date-time's date
///     timestamp  a date or date-time (`YYYY-MM-DD HH:MM:SS[.fff]`, `T` separator and a UTC
///                offset too) read in the session's time zone
///
/// CSV files and JSON messages additionally take a timestamp as integer epoch milliseconds
/// (a file format's rule, not text's).
public enum TextValueParsing {
    public static func bool(_ text: String) -> Bool? {
        switch text.lowercased() {
        case "t", "true", "y", "yes", "1": return true
        case "f", "false", "n", "no", "0": return false
        default: return nil
        }
    }

    public static func integer(_ text: String) -> Int64? {
        var body = trimmed(text)
        var negative = false
        if let sign = body.first, sign == "+" || sign == "-" {
            negative = sign == "-"
            body = body.dropFirst()
        }
        var radix = 10
        if body.count > 2, body.hasPrefix("0x") || body.hasPrefix("0X") {
            radix = 16
            body = body.dropFirst(2)
        }
        guard !body.isEmpty, body.allSatisfy(\.isASCII), let magnitude = UInt64(body, radix: radix) else { return nil }
        if negative {
            guard magnitude <= UInt64(Int64.max) + 1 else { return nil }
            return Int64(truncatingIfNeeded: 0 &- magnitude)
        }
        return Int64(exactly: magnitude)
    }

    public static func double(_ text: String) -> Double? { Double(trimmed(text)) }

    /// Parsed directly as a float (not rounded through double).
    public static func float(_ text: String) -> Float? { Float(trimmed(text)) }

    public static func date(_ text: String) -> CivilDate? {
        if let date = calendarDate(trimmed(text)) { return date }
        if let local = dateTime(text) { return local.date }
        return DateTimeText.parse(text)?.local.date
    }

    public static func timestamp(_ text: String, in zone: SessionTimeZone) -> Int64? {
        if let local = dateTime(text) { return local.timestamp(in: zone) }
        return DateTimeText.parse(text)?.timestamp(in: zone)
    }

    /// `YYYY-MM-DD`, `YYYYMMDD` or `YYYY-MM-DD HH:MM:SS[.fff]` as local date and time.
    public static func dateTime(_ text: String) -> LocalDateTime? {
        if let parsed = LocalDateTime.parse(text) { return parsed }
        let digits = trimmed(text)
        guard digits.count == 8, digits.allSatisfy({ $0.isASCII && $0.isNumber }),
            let y = Int(digits.prefix(4)), let m = Int(digits.dropFirst(4).prefix(2)), let d = Int(digits.suffix(2))
        else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        return date.isValid ? LocalDateTime(date: date) : nil
    }

    /// `[-]YYYY-M[M]-D[D]` with 4 to 7 year digits.
    static func calendarDate(_ text: Substring) -> CivilDate? {
        var rest = text
        let negative = rest.first == "-"
        if negative { rest = rest.dropFirst() }
        let parts = rest.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, (4...7).contains(parts[0].count), (1...2).contains(parts[1].count),
            (1...2).contains(parts[2].count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        let date = CivilDate(year: negative ? -year : year, month: month, day: day)
        return date.isValid ? date : nil
    }

    static func trimmed(_ text: String) -> Substring {
        var body = Substring(text).drop { $0.isWhitespace }
        while let last = body.last, last.isWhitespace { body = body.dropLast() }
        return body
    }
}
