import TideCore
import TidePlan

extension DateTimeFunctions {
    /// A calendar field of a date, as an integer.
    typealias CalendarField = @Sendable (CivilDate) -> Int

    /// The calendar-field functions, each over int64, timestamp and date.
    static let calendarFields: [(name: String, field: CalendarField)] = [
        ("year", { $0.year }),
        ("month", { $0.month }),
        ("dayofmonth", { $0.day }),
        // OpenMLDB semantics: 1 = Sunday ... 7 = Saturday (MySQL's DAYOFWEEK).
        ("dayofweek", { $0.sundayBasedWeekday }),
        ("dayofyear", { $0.dayOfYear }),
        // OpenMLDB semantics: the ISO 8601 week number (boost's week_number), 1-53.
        ("weekofyear", { $0.isoWeek.week }),
    ]

    /// The time-of-day functions, each over int64 and timestamp.
    static let clockFields: [(name: String, field: @Sendable (LocalDateTime) -> Int)] = [
        ("hour", { $0.hour }),
        ("minute", { $0.minute }),
        ("second", { $0.second }),
    ]

    /// year, month, dayofmonth, dayofweek, dayofyear, weekofyear, hour, minute, second, last_day.
    ///
    /// Unlike OpenMLDB, `dayofyear` and `last_day` of an instant before 1970 are computed
    /// rather than NULL: TideDB supports timestamps before the epoch throughout.
    static func registerFields(into registry: inout FunctionRegistry) {
        for (name, field) in calendarFields {
            for type in [SQLType.int64, .timestamp, .date] {
                registry.scalar(name, [type]) { arguments, context in
                    let value = try single(arguments, name)
                    return int32Value(try civilDate(value, in: context.timeZone, name).map(field))
                }
            }
        }
        for (name, field) in clockFields {
            for type in [SQLType.int64, .timestamp] {
                registry.scalar(name, [type]) { arguments, context in
                    let ms = try instant(try single(arguments, name), name)
                    return int32Value(field(LocalDateTime(timestamp: ms, in: context.timeZone)))
                }
            }
        }
        for type in [SQLType.int64, .timestamp, .date] {
            registry.scalar("last_day", [type]) { arguments, context in
                let value = try single(arguments, "last_day")
                return dateValue(try civilDate(value, in: context.timeZone, "last_day")?.lastDayOfMonth)
            }
        }
    }
}
