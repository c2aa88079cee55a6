/// Calendar questions about a date: day of year, weekdays, ISO weeks and month arithmetic.
extension CivilDate {
    /// 1 for January 1st ... 365 or 366 for December 31st.
    public var dayOfYear: Int {
        Int(days - CivilDate(year: year, month: 1, day: 1).days) + 1
    }

    /// Weekday counted from Sunday: 1 = Sunday ... 7 = Saturday (MySQL's DAYOFWEEK).
    public var sundayBasedWeekday: Int { isoWeekday % 7 + 1 }

    /// The ISO 8601 week: weeks start on Monday and week 1 is the week holding the year's
    /// first Thursday, so early January can belong to the previous year's week 52 or 53 and
    /// late December to the next year's week 1.
    public var isoWeek: (year: Int, week: Int) {
        let week = (dayOfYear - isoWeekday + 10) / 7
        if week < 1 { return (year - 1, Self.isoWeeksInYear(year - 1)) }
        if week > Self.isoWeeksInYear(year) { return (year + 1, 1) }
        return (year, week)
    }

    /// 52 or 53: the ISO week of December 28th, which always lies in the year's last week.
    public static func isoWeeksInYear(_ year: Int) -> Int {
        let december28 = CivilDate(year: year, month: 12, day: 28)
        return (december28.dayOfYear - december28.isoWeekday + 10) / 7
    }

    /// The last day of this date's month.
    public var lastDayOfMonth: CivilDate {
        CivilDate(year: year, month: month, day: Self.daysInMonth(year: year, month: month))
    }

    /// The same day `months` months later (earlier if negative), moved back to the last day of
    /// the target month when that month is shorter (Jan 31 + 1 month = Feb 28 or 29). Nil if
    /// the year would leave ±100 million (far outside any storable date).
    public func adding(months: Int64) -> CivilDate? {
        let (base, overflow1) = Int64(year).multipliedReportingOverflow(by: 12)
        let (offset, overflow2) = months.addingReportingOverflow(Int64(month - 1))
        let (total, overflow3) = base.addingReportingOverflow(offset)
        guard !overflow1, !overflow2, !overflow3 else { return nil }
        let (y, m0) = total.quotientAndRemainder(dividingBy: 12)
        let newYear = m0 < 0 ? y - 1 : y
        let newMonth = Int(m0 < 0 ? m0 + 12 : m0) + 1
        guard abs(newYear) <= 100_000_000, let yearValue = Int(exactly: newYear) else { return nil }
        let lastDay = Self.daysInMonth(year: yearValue, month: newMonth)
        return CivilDate(year: yearValue, month: newMonth, day: min(day, lastDay))
    }

    /// The date as a `Value.date` day number, or nil if it is outside the Int32 range.
    public var dayNumber: Int32? { Int32(exactly: days) }
}
