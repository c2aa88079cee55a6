import Testing
import TideCore

@Suite("CivilDate")
struct CivilDateTests {
    @Test(
        "day numbers of known dates",
        arguments: [
            (1970, 1, 1, 0), (1969, 12, 31, -1), (1900, 1, 1, -25567), (1900, 3, 1, -25508),
            (2000, 2, 29, 11016), (2020, 5, 22, 18404), (2100, 2, 28, 47540), (0, 1, 1, -719528),
        ] as [(Int, Int, Int, Int64)])
    func dayNumbers(year: Int, month: Int, day: Int, days: Int64) {
        let date = CivilDate(year: year, month: month, day: day)
        #expect(date.days == days)
        #expect(CivilDate(days: days) == date)
    }

    @Test("days and fields round-trip across five thousand years")
    func roundTrip() {
        for days in stride(from: Int64(-1_000_000), through: 1_000_000, by: 997) {
            let date = CivilDate(days: days)
            #expect(date.isValid)
            #expect(date.days == days)
        }
    }

    @Test("leap years: 1900 and 2100 are not, 2000 and 2024 are")
    func leapYears() {
        #expect(!CivilDate(year: 1900, month: 2, day: 29).isValid)
        #expect(!CivilDate(year: 2100, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2000, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2024, month: 2, day: 29).isValid)
        #expect(CivilDate(year: 2000, month: 12, day: 31).dayOfYear == 366)
        #expect(CivilDate(year: 1900, month: 12, day: 31).dayOfYear == 365)
    }

    @Test(
        "ISO weeks around new year",
        arguments: [
            (2021, 1, 1, 2020, 53), (2021, 1, 3, 2020, 53), (2021, 1, 4, 2021, 1), (2022, 1, 1, 2021, 52),
            (2020, 12, 31, 2020, 53), (2024, 12, 30, 2025, 1), (2026, 1, 1, 2026, 1), (2027, 1, 1, 2026, 53),
            (2008, 12, 29, 2009, 1), (2010, 1, 3, 2009, 53), (1969, 12, 31, 1970, 1), (1900, 1, 1, 1900, 1),
        ] as [(Int, Int, Int, Int, Int)])
    func isoWeeks(year: Int, month: Int, day: Int, weekYear: Int, week: Int) {
        let iso = CivilDate(year: year, month: month, day: day).isoWeek
        #expect(iso.year == weekYear)
        #expect(iso.week == week)
    }

    @Test("years with 53 ISO weeks")
    func longYears() {
        #expect(CivilDate.isoWeeksInYear(2020) == 53)
        #expect(CivilDate.isoWeeksInYear(2015) == 53)
        #expect(CivilDate.isoWeeksInYear(2026) == 53)
        #expect(CivilDate.isoWeeksInYear(2021) == 52)
        #expect(CivilDate.isoWeeksInYear(2023) == 52)
    }

    @Test("weekday numbering: ISO Monday = 1, Sunday-based Sunday = 1")
    func weekdays() {
        let thursday = CivilDate(year: 1970, month: 1, day: 1)
        #expect(thursday.isoWeekday == 4)
        #expect(thursday.sundayBasedWeekday == 5)
        let sunday = CivilDate(year: 2023, month: 1, day: 1)
        #expect(sunday.isoWeekday == 7)
        #expect(sunday.sundayBasedWeekday == 1)
        #expect(CivilDate(year: 1900, month: 3, day: 1).isoWeekday == 4)
    }

    @Test("adding months clamps to the end of a shorter month")
    func addingMonths() {
        let jan31 = CivilDate(year: 2012, month: 1, day: 31)
        #expect(jan31.adding(months: 1) == CivilDate(year: 2012, month: 2, day: 29))
        #expect(jan31.adding(months: 13) == CivilDate(year: 2013, month: 2, day: 28))
        #expect(jan31.adding(months: -2) == CivilDate(year: 2011, month: 11, day: 30))
        #expect(jan31.adding(months: -24) == CivilDate(year: 2010, month: 1, day: 31))
        #expect(jan31.adding(months: 0) == jan31)
        #expect(jan31.adding(months: .max) == nil)
        #expect(jan31.adding(months: .min) == nil)
    }

    @Test("parse accepts only ASCII-digit fields")
    func parse() {
        #expect(CivilDate.parse("2024-02-29") == CivilDate(year: 2024, month: 2, day: 29))
        #expect(CivilDate.parse("2024-2-9") == CivilDate(year: 2024, month: 2, day: 9))
        #expect(CivilDate.parse("2023-02-29") == nil)
        #expect(CivilDate.parse("-001-01-01") == nil)
        #expect(CivilDate.parse("2024-+1-01") == nil)
        #expect(CivilDate.parse("2024-001-01") == nil)
        #expect(CivilDate.parse("24-01-01") == nil)
    }
}

@Suite("LocalDateTime and SessionTimeZone")
struct LocalDateTimeTests {
    @Test("fields of instants before 1970 floor to the earlier day")
    func beforeEpoch() {
        let local = LocalDateTime(timestamp: -1, in: .utc)
        #expect(local.date == CivilDate(year: 1969, month: 12, day: 31))
        #expect(local.hour == 23)
        #expect(local.minute == 59)
        #expect(local.second == 59)
        #expect(local.millisecond == 999)
    }

    @Test("the extreme Int64 instants do not overflow")
    func extremes() throws {
        let zone = try #require(SessionTimeZone("+14:00"))
        let max = LocalDateTime(timestamp: .max, in: .utc)
        #expect(max.date == CivilDate(year: 292_278_994, month: 8, day: 17))
        #expect(max.hour == 7)
        #expect(LocalDateTime(timestamp: .max, in: zone).date == CivilDate(year: 292_278_994, month: 8, day: 17))
        let min = LocalDateTime(timestamp: .min, in: .utc)
        #expect(min.date == CivilDate(year: -292_275_055, month: 5, day: 16))
        #expect(min.hour == 16)
        #expect(LocalDateTime(date: CivilDate(year: 400_000_000, month: 1, day: 1)).checkedTimestamp(in: .utc) == nil)
    }

    @Test("a fixed offset shifts the wall clock")
    func fixedOffset() throws {
        let shanghai = try #require(SessionTimeZone("+08:00"))
        let local = LocalDateTime(timestamp: 1_709_236_800_000, in: shanghai)  // 2024-02-29T20:00Z
        #expect(local.date == CivilDate(year: 2024, month: 3, day: 1))
        #expect(local.hour == 4)
        #expect(local.timestamp(in: shanghai) == 1_709_236_800_000)
    }

    @Test("New York: a skipped wall-clock time moves forward, a repeated one takes the earlier instant")
    func daylightSaving() throws {
        let newYork = try #require(SessionTimeZone("America/New_York"))
        let gap = LocalDateTime(date: CivilDate(year: 2021, month: 3, day: 14), hour: 2, minute: 30)
        #expect(gap.checkedTimestamp(in: newYork) == 1_615_707_000_000)  // 07:30Z = 03:30 EDT
        let overlap = LocalDateTime(date: CivilDate(year: 2021, month: 11, day: 7), hour: 1, minute: 30)
        #expect(overlap.checkedTimestamp(in: newYork) == 1_636_263_000_000)  // 05:30Z = 01:30 EDT
        let after = LocalDateTime(date: CivilDate(year: 2021, month: 11, day: 7), hour: 3)
        #expect(after.checkedTimestamp(in: newYork) == 1_636_272_000_000)  // 08:00Z = 03:00 EST
        let before = LocalDateTime(date: CivilDate(year: 2021, month: 3, day: 14), hour: 1, minute: 59)
        #expect(before.checkedTimestamp(in: newYork) == 1_615_705_140_000)  // 06:59Z = 01:59 EST
    }
}

@Suite("DateTimeText")
struct DateTimeTextTests {
    @Test(
        "accepted forms",
        arguments: [
            ("2024-02-29", 2024, 2, 29, 0, 0, 0, 0, nil), ("20240229", 2024, 2, 29, 0, 0, 0, 0, nil),
            ("2024-02-29 13:45:30", 2024, 2, 29, 13, 45, 30, 0, nil),
            ("2024-02-29T13:45:30.25", 2024, 2, 29, 13, 45, 30, 250, nil),
            ("2024-02-29 13:45", 2024, 2, 29, 13, 45, 0, 0, nil),
            ("  2024-2-9 1:02:03.123456 ", 2024, 2, 9, 1, 2, 3, 123, nil),
            ("2024-02-29T13:45:30Z", 2024, 2, 29, 13, 45, 30, 0, 0),
            ("2024-02-29T13:45:30+05:30", 2024, 2, 29, 13, 45, 30, 0, 19800),
            ("2024-02-29T13:45:30-0800", 2024, 2, 29, 13, 45, 30, 0, -28800),
            ("2024-02-29 13:45:30.5+08", 2024, 2, 29, 13, 45, 30, 500, 28800),
        ] as [(String, Int, Int, Int, Int, Int, Int, Int, Int?)])
    func accepted(
        text: String, year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, ms: Int, offset: Int?
    ) throws {
        let parsed = try #require(DateTimeText.parse(text))
        let expected = LocalDateTime(
            date: CivilDate(year: year, month: month, day: day), hour: hour, minute: minute, second: second,
            millisecond: ms)
        #expect(parsed.local == expected)
        #expect(parsed.offsetSeconds == offset)
    }

    @Test(
        "rejected forms",
        arguments: [
            "", " ", "abc", "2023-02-29", "2021-02-30 00:00:00", "2021-13-01", "2021-00-10", "20210230",
            "2021-01-01 24:00:00", "2021-01-01 12:60:00", "2021-01-01 12:00:60", "21-01-01", "2021/01/01",
            "2021-01-01 12:00:00 x", "2021-01-01T", "2021-01-01 -1:00:00", "2021-01-01 12:00:00.",
            "2021-01-01 12:00:00.1x",
            "2021-01-01 12", "2021-01-01Z", "2021-01-01 12:00:00+25:00", "2021-01-01 12:00:00+8:00", "１２３４-01-01",
        ])
    func rejected(text: String) {
        #expect(DateTimeText.parse(text) == nil)
    }

    @Test("LocalDateTime.parse refuses texts with an offset")
    func localRefusesOffset() {
        #expect(LocalDateTime.parse("2024-02-29T13:45:30Z") == nil)
        #expect(LocalDateTime.parse("2024-02-29 13:45:30")?.hour == 13)
    }

    @Test("an explicit offset fixes the instant whatever the session zone")
    func explicitOffset() throws {
        let parsed = try #require(DateTimeText.parse("2024-03-01T23:00:00-05:00"))
        let shanghai = try #require(SessionTimeZone("+08:00"))
        #expect(parsed.timestamp(in: .utc) == 1_709_352_000_000)
        #expect(parsed.timestamp(in: shanghai) == 1_709_352_000_000)
        #expect(parsed.date(in: .utc) == CivilDate(year: 2024, month: 3, day: 2))
    }
}
