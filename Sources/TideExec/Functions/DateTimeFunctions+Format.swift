import TideCore
import TidePlan

extension DateTimeFunctions {
    /// date_format(timestamp | date, pattern).
    static func registerFormatting(into registry: inout FunctionRegistry) {
        registry.scalar("date_format", [.timestamp, .string]) { arguments, context in
            let (value, pattern) = try pair(arguments, "date_format")
            let ms = try instant(value, "date_format")
            let moment = Strftime.Moment(timestamp: ms, in: context.timeZone)
            return .string(Strftime.format(try text(pattern, "date_format"), moment))
        }
        registry.scalar("date_format", [.date, .string]) { arguments, context in
            let (value, pattern) = try pair(arguments, "date_format")
            guard case .date(let days) = value else { throw unexpected(value, "date_format") }
            // OpenMLDB semantics: a date formats as its midnight (%H:%M:%S gives 00:00:00).
            let zone = context.timeZone
            let start = midnight(days, in: zone) ?? Int64(days) * 86_400_000
            let moment = Strftime.Moment(
                local: LocalDateTime(date: CivilDate(days: Int64(days))),
                utcOffsetSeconds: zone.offsetSeconds(atUTC: start),
                zoneName: zone.description, epochMilliseconds: start)
            return .string(Strftime.format(try text(pattern, "date_format"), moment))
        }
    }
}
