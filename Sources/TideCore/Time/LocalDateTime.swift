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

    /// The local fields of the instant `ms` in `zone`.
    public init(timestamp ms: Int64, in zone: SessionTimeZone) {
        let local = ms + Int64(zone.offsetSeconds(atUTC: ms)) * 1000
        let dayMs: Int64 = 86_400_000
        let days = local >= 0 ? local / dayMs : (local - dayMs + 1) / dayMs
        let within = local - days * dayMs
        self.date = CivilDate(days: days)
        self.hour = Int(within / 3_600_000)
        self.minute = Int(within / 60_000 % 60)
        self.second = Int(within / 1000 % 60)
        self.millisecond = Int(within % 1000)
    }

    /// The instant these local fields name in `zone`.
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

    /// Parses `YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.fff]` or with a `T` separator.
    public static func parse(_ text: String) -> LocalDateTime? {
        let trimmed = Substring(text).drop { $0 == " " }
        let split = trimmed.firstIndex { $0 == " " || $0 == "T" }
        let datePart = split.map { trimmed[..<$0] } ?? trimmed
        guard let date = CivilDate.parse(datePart) else { return nil }
        guard let split else { return LocalDateTime(date: date) }
        let timePart = trimmed[trimmed.index(after: split)...]
        let hms = timePart.split(separator: ":", omittingEmptySubsequences: false)
        guard hms.count == 3 || hms.count == 2, let h = Int(hms[0]), let m = Int(hms[1]) else { return nil }
        var s = 0
        var fraction = 0
        if hms.count == 3 {
            let secondParts = hms[2].split(separator: ".", omittingEmptySubsequences: false)
            guard let sec = Int(secondParts[0]), secondParts.count <= 2 else { return nil }
            s = sec
            if secondParts.count == 2 {
                let digits = secondParts[1].prefix(3)
                guard let f = Int(digits), !digits.isEmpty else { return nil }
                fraction = f * [100, 10, 1][digits.count - 1]
            }
        }
        guard h < 24, m < 60, s < 60 else { return nil }
        return LocalDateTime(date: date, hour: h, minute: m, second: s, millisecond: fraction)
    }
}
