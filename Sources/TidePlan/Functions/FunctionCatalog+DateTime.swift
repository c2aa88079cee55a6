import TideCore

extension FunctionCatalog {
    /// The date and time family. An `int64` argument where a timestamp is expected is read as
    /// milliseconds since the epoch; every conversion between an instant and calendar fields
    /// uses the session time zone (OpenMLDB fixes UTC+8).
    static let dateTime: [FunctionDefinition] = [
        calendarField("year", summary: "The year of a timestamp, date or epoch-milliseconds value."),
        calendarField("month", summary: "The month (1-12) of a timestamp, date or epoch-milliseconds value."),
        calendarField(
            "dayofmonth", aliases: ["day"], summary: "The day of the month (1-31) of a timestamp, date or int64."),
        calendarField(
            "dayofweek", summary: "The day of the week, 1 = Sunday ... 7 = Saturday, of a timestamp, date or int64."),
        calendarField("dayofyear", summary: "The day of the year (1-366) of a timestamp, date or int64."),
        calendarField(
            "weekofyear", aliases: ["week"], summary: "The ISO 8601 week (1-53) of a timestamp, date or int64."),
        clockField("hour", summary: "The hour (0-23) of a timestamp or epoch-milliseconds value."),
        clockField("minute", summary: "The minute (0-59) of a timestamp or epoch-milliseconds value."),
        clockField("second", summary: "The second (0-59) of a timestamp or epoch-milliseconds value."),
        FunctionDefinition(
            "last_day", summary: "The last day of the month a timestamp, date or int64 falls in.",
            signatures: instantOrDate.map { .scalar("last_day", [$0], returns: .date) }),
        FunctionDefinition(
            "add_months",
            summary: "A date moved by whole months, clamped to the last day of a shorter month.",
            signatures: [SQLType.date, .string].flatMap { start in
                SQLType.integerTypes.map { .scalar("add_months", [start, $0], returns: .date) }
            }),
        FunctionDefinition(
            "datediff", summary: "Days from the second date to the first (dates or date strings).",
            signatures: [
                .scalar("datediff", [.date, .date], returns: .int32),
                .scalar("datediff", [.date, .string], returns: .int32),
                .scalar("datediff", [.string, .date], returns: .int32),
                .scalar("datediff", [.string, .string], returns: .int32),
            ]),
        FunctionDefinition(
            "date_format", summary: "A timestamp or date formatted by a strftime-style pattern.",
            signatures: [
                .scalar("date_format", [.timestamp, .string], returns: .string),
                .scalar("date_format", [.date, .string], returns: .string),
            ]),
        FunctionDefinition(
            "unix_timestamp",
            summary: "Seconds since the epoch of a date, timestamp or date string ('' means now).",
            signatures: [
                .scalar("unix_timestamp", [.date], returns: .int64),
                .scalar("unix_timestamp", [.string], returns: .int64),
                .scalar("unix_timestamp", [.timestamp], returns: .int64),
            ]),
        FunctionDefinition(
            "timestamp", summary: "A timestamp from epoch milliseconds, a date or a date/time string.",
            signatures: [
                .scalar("timestamp", [.timestamp], returns: .timestamp),
                .scalar("timestamp", [.int64], returns: .timestamp),
                .scalar("timestamp", [.date], returns: .timestamp),
                .scalar("timestamp", [.string], returns: .timestamp),
                // OpenMLDB reads `timestamp(x)` as `CAST(x AS timestamp)` for other scalars.
                .scalar("timestamp", [.bool], returns: .timestamp),
                .scalar("timestamp", [.int16], returns: .timestamp),
                .scalar("timestamp", [.int32], returns: .timestamp),
                .scalar("timestamp", [.float], returns: .timestamp),
                .scalar("timestamp", [.double], returns: .timestamp),
            ]),
        FunctionDefinition(
            "date", summary: "The calendar date of a timestamp or of a date/time string.",
            signatures: [
                .scalar("date", [.timestamp], returns: .date),
                .scalar("date", [.string], returns: .date),
                .scalar("date", [.date], returns: .date),
            ]),
    ]

    /// int64 (epoch milliseconds), timestamp, date: what the calendar-field functions take.
    private static let instantOrDate: [SQLType] = [.int64, .timestamp, .date]

    /// A function returning one calendar field as int32, over int64, timestamp and date.
    private static func calendarField(_ name: String, aliases: [String] = [], summary: String) -> FunctionDefinition {
        FunctionDefinition(
            name, aliases: aliases, summary: summary,
            signatures: instantOrDate.map { .scalar(name, [$0], returns: .int32) })
    }

    /// A function returning one time-of-day field as int32, over int64 and timestamp (a date
    /// has no time of day; OpenMLDB rejects `hour(date)`).
    private static func clockField(_ name: String, summary: String) -> FunctionDefinition {
        FunctionDefinition(
            name, summary: summary,
            signatures: [SQLType.int64, .timestamp].map { type in
                var signature = FunctionSignature.scalar(name, [type], returns: .int32)
                // OpenMLDB semantics: only bigint epoch milliseconds or a timestamp, no widening.
                signature.exactTypes = true
                return signature
            })
    }
}
