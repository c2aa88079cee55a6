/// A date or date-time written as text, as the SQL functions (`timestamp('...')`,
/// `date('...')`, `datediff`, `unix_timestamp`) accept it: local fields plus the UTC offset the
/// text names, if it names one.
///
/// Accepted forms (surrounding spaces are ignored):
/// - `YYYY-MM-DD` (month and day may have one digit) and `YYYYMMDD`;
/// - either date form, then a space or `T`, then `HH:MM`, `HH:MM:SS` or `HH:MM:SS.f...`
///   (fraction digits past milliseconds are dropped);
/// - after a time, optionally `Z` or an offset `+HH:MM`, `-HHMM`, `+HH` (RFC 3339 style).
///
/// Dates and times that do not exist (February 30th, 24:00, 12:60) are rejected.
public struct DateTimeText: Sendable, Hashable {
    public var local: LocalDateTime
    /// The offset from UTC the text states explicitly, in seconds; nil when it states none
    /// (the session time zone then applies).
    public var offsetSeconds: Int?

    public init(local: LocalDateTime, offsetSeconds: Int? = nil) {
        self.local = local
        self.offsetSeconds = offsetSeconds
    }

    /// The instant the text names: exact when it states an offset, otherwise its wall-clock
    /// time in `zone`. Nil if out of the Int64 millisecond range.
    public func timestamp(in zone: SessionTimeZone) -> Int64? {
        guard let offsetSeconds else { return local.checkedTimestamp(in: zone) }
        guard let utc = local.millisecondsAsUTC else { return nil }
        let (result, overflow) = utc.subtractingReportingOverflow(Int64(offsetSeconds) * 1000)
        return overflow ? nil : result
    }

    /// The calendar date the text names in `zone`: its own date unless it states an offset,
    /// in which case the instant is moved into `zone` first.
    public func date(in zone: SessionTimeZone) -> CivilDate? {
        guard offsetSeconds != nil else { return local.date }
        return timestamp(in: zone).map { LocalDateTime(timestamp: $0, in: zone).date }
    }

    /// Parses `text`; nil if it is not one of the accepted forms or names no real date/time.
    public static func parse(_ text: String) -> DateTimeText? {
        var body = Substring(text)
        while body.first == " " { body = body.dropFirst() }
        while body.last == " " { body = body.dropLast() }
        let split = body.firstIndex { $0 == " " || $0 == "T" }
        let datePart = split.map { body[..<$0] } ?? body
        guard let date = parseDate(datePart) else { return nil }
        guard let split else { return DateTimeText(local: LocalDateTime(date: date)) }
        var rest = body[body.index(after: split)...]
        var offset: Int?
        if let zoneStart = rest.firstIndex(where: { $0 == "Z" || $0 == "z" || $0 == "+" || $0 == "-" }) {
            guard let parsed = parseOffset(rest[zoneStart...]) else { return nil }
            offset = parsed
            rest = rest[..<zoneStart]
        }
        guard let time = parseTime(rest) else { return nil }
        let local = LocalDateTime(
            date: date, hour: time.hour, minute: time.minute, second: time.second, millisecond: time.millisecond)
        return DateTimeText(local: local, offsetSeconds: offset)
    }

    /// `YYYY-MM-DD`, `YYYY-M-D` or `YYYYMMDD`.
    static func parseDate(_ text: Substring) -> CivilDate? {
        if text.count == 8, text.allSatisfy(\.isASCIIDigit), let packed = Int(text) {
            let date = CivilDate(year: packed / 10_000, month: packed / 100 % 100, day: packed % 100)
            return date.isValid ? date : nil
        }
        return CivilDate.parse(text)
    }

    /// `HH:MM`, `HH:MM:SS` or `HH:MM:SS.fff...`, each field one or two digits.
    static func parseTime(_ text: Substring) -> (hour: Int, minute: Int, second: Int, millisecond: Int)? {
        let fields = text.split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count == 2 || fields.count == 3 else { return nil }
        var secondText = fields.count == 3 ? fields[2] : "0"
        var millisecond = 0
        if let dot = secondText.firstIndex(of: ".") {
            let fraction = secondText[secondText.index(after: dot)...]
            guard !fraction.isEmpty, fraction.allSatisfy(\.isASCIIDigit) else { return nil }
            let digits = String(fraction.prefix(3))
            let padded = digits + String(repeating: "0", count: 3 - digits.count)
            millisecond = Int(padded) ?? 0
            secondText = secondText[..<dot]
        }
        guard let hour = smallNumber(fields[0]), let minute = smallNumber(fields[1]),
            let second = smallNumber(secondText), hour < 24, minute < 60, second < 60
        else { return nil }
        return (hour, minute, second, millisecond)
    }

    /// `Z`, `+HH:MM`, `-HHMM` or `+HH`, as seconds east of UTC; at most ±18 hours.
    static func parseOffset(_ text: Substring) -> Int? {
        if text == "Z" || text == "z" { return 0 }
        guard let sign = text.first, sign == "+" || sign == "-" else { return nil }
        let body = Array(text.dropFirst())
        let digits: [Character]
        if body.count == 2 || body.count == 4 {
            digits = body
        } else if body.count == 5, body[2] == ":" {
            digits = Array(body[0..<2] + body[3..<5])
        } else {
            return nil
        }
        guard digits.allSatisfy(\.isASCIIDigit) else { return nil }
        let hours = Int(String(digits[0..<2])) ?? 0
        let minutes = digits.count == 4 ? Int(String(digits[2..<4])) ?? 0 : 0
        guard hours <= 18, minutes < 60 else { return nil }
        let seconds = hours * 3600 + minutes * 60
        return sign == "-" ? -seconds : seconds
    }

    /// One or two ASCII digits.
    private static func smallNumber(_ text: Substring) -> Int? {
        guard (1...2).contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }
}
