/// A timestamp broken into local calendar fields in some time zone.
public struct LocalDateTime: Sendable, Hashable {
    public var date: CivilDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var millisecond: Int

    public init(date: CivilDate, hour: Int = 0, minute: Int = 0, second: Int = 0, millisecond: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.millisecond = millisecond
    }

    /// The local fields of the instant `ms` in `zone`. Works for every Int64 (splits into days
    /// first, so adding the zone offset cannot overflow) and floors before 1970.
    public init(timestamp ms: Int64, in zone: SessionTimeZone) {
        let dayMs: Int64 = 86_400_000
        let (quotient, remainder) = ms.quotientAndRemainder(dividingBy: dayMs)
        var days = remainder < 0 ? quotient - 1 : quotient
        var within = (remainder < 0 ? remainder + dayMs : remainder) + Int64(zone.offsetSeconds(atUTC: ms)) * 1000
        // Offsets are under a day, so one step back or forward is enough.
        if within < 0 {
            within += dayMs
            days -= 1
        } else if within >= dayMs {
            within -= dayMs
            days += 1
        }
        self.date = CivilDate(days: days)
        self.hour = Int(within / 3_600_000)
        self.minute = Int(within / 60_000 % 60)
        self.second = Int(within / 1000 % 60)
        self.millisecond = Int(within % 1000)
    }

    /// Milliseconds since 1970-01-01T00:00 of these fields read as UTC, or nil on overflow.
    public var millisecondsAsUTC: Int64? {
        let (dayPart, overflow1) = date.days.multipliedReportingOverflow(by: 86_400_000)
        let within =
            Int64(hour) * 3_600_000 + Int64(minute) * 60_000 + Int64(second) * 1000 + Int64(millisecond)
        let (total, overflow2) = dayPart.addingReportingOverflow(within)
        return overflow1 || overflow2 ? nil : total
    }

    /// The instant these local fields name in `zone`. A wall-clock time skipped by a DST gap is
    /// moved forward by the gap; one repeated by a DST overlap takes the earlier instant.
    /// Nil if the result does not fit in an Int64.
    public func checkedTimestamp(in zone: SessionTimeZone) -> Int64? {
        guard let local = millisecondsAsUTC else { return nil }
        let (result, overflow) = local.subtractingReportingOverflow(Int64(zone.offsetSeconds(atLocal: local)) * 1000)
        return overflow ? nil : result
    }

    /// The instant these local fields name in `zone` (see `checkedTimestamp(in:)`); only for
    /// fields known to be in range (years of four digits).
    public func timestamp(in zone: SessionTimeZone) -> Int64 {
        let local =
            date.days * 86_400_000 + Int64(hour) * 3_600_000 + Int64(minute) * 60_000
            + Int64(second) * 1000 + Int64(millisecond)
        return local - Int64(zone.offsetSeconds(atLocal: local)) * 1000
    }

    /// `YYYY-MM-DD HH:MM:SS`.
    public var description: String {
        func two(_ v: Int) -> String { v < 10 ? "0\(v)" : "\(v)" }
        return "\(date) \(two(hour)):\(two(minute)):\(two(second))"
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD` or `YYYY-MM-DD HH:MM[:SS[.fff]]` (space or `T`
    /// separator); nil if malformed, not a real date or time, or if it names a UTC offset
    /// (use `DateTimeText.parse` for those).
    public static func parse(_ text: String) -> LocalDateTime? {
        guard let parsed = DateTimeText.parse(text), parsed.offsetSeconds == nil else { return nil }
        return parsed.local
    }
}
