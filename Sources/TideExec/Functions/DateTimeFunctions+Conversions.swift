import Foundation
import TideCore
import TidePlan

extension DateTimeFunctions {
    /// timestamp(x), date(x) and unix_timestamp(x).
    static func registerConversions(into registry: inout FunctionRegistry) {
        registry.scalar("timestamp", [.timestamp]) { arguments, _ in try single(arguments, "timestamp") }
        registry.scalar("timestamp", [.int64]) { arguments, _ in
            .timestamp(try instant(try single(arguments, "timestamp"), "timestamp"))
        }
        registry.scalar("timestamp", [.date]) { arguments, context in
            guard case .date(let days) = try single(arguments, "timestamp") else {
                throw TideError.internal("timestamp(date) received a non-date argument")
            }
            return midnight(days, in: context.timeZone).map(Value.timestamp) ?? .null
        }
        registry.scalar("timestamp", [.string]) { arguments, context in
            let s = try text(try single(arguments, "timestamp"), "timestamp")
            return DateTimeText.parse(s)?.timestamp(in: context.timeZone).map(Value.timestamp) ?? .null
        }
        registry.scalar("date", [.timestamp]) { arguments, context in
            let ms = try instant(try single(arguments, "date"), "date")
            return dateValue(LocalDateTime(timestamp: ms, in: context.timeZone).date)
        }
        registry.scalar("date", [.string]) { arguments, context in
            dateValue(try civilDate(try single(arguments, "date"), in: context.timeZone, "date"))
        }
        registry.scalar("date", [.date]) { arguments, _ in try single(arguments, "date") }
        // timestamp(x) of a bool or a number is CAST(x AS timestamp) (OpenMLDB semantics).
        for source in [DataType.bool, .int16, .int32, .float, .double] {
            registry.scalar("timestamp", [.scalar(source)]) { arguments, context in
                Cast.cast(try single(arguments, "timestamp"), to: .timestamp, context: context)
            }
        }
        registerUnixTimestamp(into: &registry)
    }

    /// unix_timestamp(date | string | timestamp): whole seconds since the epoch.
    private static func registerUnixTimestamp(into registry: inout FunctionRegistry) {
        registry.scalar("unix_timestamp", [.date]) { arguments, context in
            guard case .date(let days) = try single(arguments, "unix_timestamp") else {
                throw TideError.internal("unix_timestamp(date) received a non-date argument")
            }
            return midnight(days, in: context.timeZone).map { .int64(floorDivide($0, 1000)) } ?? .null
        }
        registry.scalar("unix_timestamp", [.string]) { arguments, context in
            let s = try text(try single(arguments, "unix_timestamp"), "unix_timestamp")
            // OpenMLDB semantics: the empty string means "now".
            if s.isEmpty { return .int64(Int64((Date().timeIntervalSince1970).rounded(.down))) }
            return DateTimeText.parse(s)?.timestamp(in: context.timeZone).map { .int64(floorDivide($0, 1000)) }
                ?? .null
        }
        // A TideDB addition: OpenMLDB has no timestamp overload.
        registry.scalar("unix_timestamp", [.timestamp]) { arguments, _ in
            .int64(floorDivide(try instant(try single(arguments, "unix_timestamp"), "unix_timestamp"), 1000))
        }
    }

    /// The instant a date starts in `zone` (moved forward if a DST gap swallows midnight).
    static func midnight(_ days: Int32, in zone: SessionTimeZone) -> Int64? {
        LocalDateTime(date: CivilDate(days: Int64(days))).checkedTimestamp(in: zone)
    }
}
