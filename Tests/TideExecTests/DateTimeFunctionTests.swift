import Testing
import TideCore
import TideTestSupport

/// A date value from its fields (day numbers are checked against known values in TimeTests).
func dateValue(_ year: Int, _ month: Int, _ day: Int) -> Value {
    .date(Int32(truncatingIfNeeded: CivilDate(year: year, month: month, day: day).days))
}

/// A session time zone that must parse.
func zone(_ name: String) throws -> SessionTimeZone {
    try #require(SessionTimeZone(name))
}

/// The int32 results of calling each function on one argument.
func fields(_ names: [String], _ argument: Value, _ timeZone: SessionTimeZone = .utc) throws -> [Value] {
    try names.map { try FunctionTesting.call($0, [argument], timeZone: timeZone) }
}

let calendarNames = ["year", "month", "dayofmonth", "dayofweek", "dayofyear", "weekofyear"]
let clockNames = ["hour", "minute", "second"]

@Suite("Date/time fields")
struct DateTimeFieldTests {
    /// 2024-02-29T13:45:30.250Z, a Thursday in ISO week 9.
    let leapDayAfternoon: Int64 = 1_709_214_330_250

    @Test("fields of an instant in UTC")
    func utcFields() throws {
        let ts = Value.timestamp(leapDayAfternoon)
        #expect(try fields(calendarNames, ts) == [2024, 2, 29, 5, 60, 9].map { .int32($0) })
        #expect(try fields(clockNames, ts) == [13, 45, 30].map { .int32($0) })
    }

    @Test("int64 milliseconds read like a timestamp")
    func int64Overload() throws {
        let ms = Value.int64(leapDayAfternoon)
        let shanghai = try zone("+08:00")
        #expect(
            try fields(calendarNames + clockNames, ms)
                == fields(calendarNames + clockNames, .timestamp(leapDayAfternoon)))
        #expect(try FunctionTesting.call("hour", [ms], timeZone: shanghai) == .int32(21))
    }

    @Test("+08:00 moves an evening instant to the next day and month")
    func plusEight() throws {
        let ts = Value.timestamp(1_709_236_800_000)  // 2024-02-29T20:00Z = 2024-03-01 04:00 +08:00
        let shanghai = try zone("+08:00")
        #expect(try fields(calendarNames, ts, shanghai) == [2024, 3, 1, 6, 61, 9].map { .int32($0) })
        #expect(try fields(clockNames, ts, shanghai) == [4, 0, 0].map { .int32($0) })
        #expect(try fields(calendarNames, ts) == [2024, 2, 29, 5, 60, 9].map { .int32($0) })
    }

    @Test("a negative offset moves a new-year morning back into the old year")
    func negativeOffset() throws {
        let ts = Value.timestamp(1_704_078_000_000)  // 2024-01-01T03:00Z = 2023-12-31 22:00 -05:00
        let bogota = try zone("-05:00")
        #expect(try fields(calendarNames, ts, bogota) == [2023, 12, 31, 1, 365, 52].map { .int32($0) })
        #expect(try FunctionTesting.call("hour", [ts], timeZone: bogota) == .int32(22))
        #expect(try fields(calendarNames, ts) == [2024, 1, 1, 2, 1, 1].map { .int32($0) })
    }

    @Test("a date's fields do not depend on the session zone")
    func dateIgnoresZone() throws {
        let leapDay = dateValue(2000, 2, 29)
        for name in ["UTC", "+08:00", "-05:00", "America/New_York"] {
            #expect(try fields(calendarNames, leapDay, zone(name)) == [2000, 2, 29, 3, 60, 9].map { .int32($0) })
        }
    }

    @Test("New York around the 2021 DST changes")
    func newYorkDaylightSaving() throws {
        let newYork = try zone("America/New_York")
        let hour = { (ms: Int64) in try FunctionTesting.call("hour", [.timestamp(ms)], timeZone: newYork) }
        #expect(try hour(1_615_705_199_000) == .int32(1))  // 06:59:59Z = 01:59:59 EST
        #expect(try hour(1_615_705_200_000) == .int32(3))  // 07:00:00Z = 03:00:00 EDT
        #expect(try hour(1_636_263_000_000) == .int32(1))  // 05:30Z = 01:30 EDT
        #expect(try hour(1_636_266_600_000) == .int32(1))  // 06:30Z = 01:30 EST
        let lateJuly1 = Value.timestamp(1_625_194_800_000)  // 2021-07-02T03:00Z = 2021-07-01 23:00 EDT
        #expect(try FunctionTesting.call("dayofmonth", [lateJuly1], timeZone: newYork) == .int32(1))
        #expect(try FunctionTesting.call("dayofmonth", [lateJuly1]) == .int32(2))
    }

    @Test("instants before 1970 (OpenMLDB gives NULL for dayofyear of these; TideDB computes)")
    func beforeEpoch() throws {
        let lastMillisecond = Value.timestamp(-1)
        #expect(try fields(calendarNames, lastMillisecond) == [1969, 12, 31, 4, 365, 1].map { .int32($0) })
        #expect(try fields(clockNames, lastMillisecond) == [23, 59, 59].map { .int32($0) })
        #expect(try fields(calendarNames, lastMillisecond, zone("+08:00")) == [1970, 1, 1, 5, 1, 1].map { .int32($0) })
        #expect(try fields(calendarNames, dateValue(1900, 3, 1)) == [1900, 3, 1, 5, 60, 9].map { .int32($0) })
    }

    @Test("far future and the Int64 extremes")
    func farFuture() throws {
        let end9999 = Value.timestamp(253_402_300_799_000)  // 9999-12-31T23:59:59Z
        #expect(
            try fields(["year", "month", "dayofmonth", "dayofyear"], end9999) == [9999, 12, 31, 365].map { .int32($0) })
        #expect(try fields(clockNames, end9999) == [23, 59, 59].map { .int32($0) })
        #expect(try FunctionTesting.call("year", [.timestamp(.max)]) == .int32(292_278_994))
        #expect(try FunctionTesting.call("year", [.int64(.min)], timeZone: zone("-12:00")) == .int32(-292_275_055))
        #expect(try FunctionTesting.call("year", [.date(.max)]) == .int32(5_881_580))
    }

    @Test("dayofyear and last_day across leap and common years")
    func leapYears() throws {
        #expect(try FunctionTesting.call("dayofyear", [dateValue(1900, 12, 31)]) == .int32(365))
        #expect(try FunctionTesting.call("dayofyear", [dateValue(2000, 12, 31)]) == .int32(366))
        #expect(try FunctionTesting.call("dayofyear", [dateValue(2024, 3, 1)]) == .int32(61))
        #expect(try FunctionTesting.call("last_day", [dateValue(1900, 2, 1)]) == dateValue(1900, 2, 28))
        #expect(try FunctionTesting.call("last_day", [dateValue(2000, 2, 10)]) == dateValue(2000, 2, 29))
        #expect(try FunctionTesting.call("last_day", [dateValue(2100, 2, 1)]) == dateValue(2100, 2, 28))
        #expect(try FunctionTesting.call("last_day", [dateValue(2024, 2, 29)]) == dateValue(2024, 2, 29))
        #expect(try FunctionTesting.call("last_day", [dateValue(2023, 4, 30)]) == dateValue(2023, 4, 30))
        #expect(try FunctionTesting.call("last_day", [dateValue(2023, 12, 1)]) == dateValue(2023, 12, 31))
    }

    @Test("last_day of an instant uses the local date")
    func lastDayOfInstant() throws {
        let ts = Value.timestamp(1_706_731_200_000)  // 2024-01-31T20:00Z = 2024-02-01 04:00 +08:00
        #expect(try FunctionTesting.call("last_day", [ts]) == dateValue(2024, 1, 31))
        #expect(try FunctionTesting.call("last_day", [ts], timeZone: zone("+08:00")) == dateValue(2024, 2, 29))
        #expect(try FunctionTesting.call("last_day", [.int64(-1)]) == dateValue(1969, 12, 31))
    }

    @Test(
        "ISO week numbers where January belongs to the previous year",
        arguments: [
            (2021, 1, 1, 53), (2021, 1, 3, 53), (2021, 1, 4, 1), (2022, 1, 1, 52), (2020, 12, 31, 53),
            (2024, 12, 30, 1), (2026, 1, 1, 1), (2027, 1, 1, 53), (2010, 1, 3, 53), (2008, 12, 29, 1),
        ] as [(Int, Int, Int, Int32)])
    func isoWeeks(year: Int, month: Int, day: Int, week: Int32) throws {
        let date = dateValue(year, month, day)
        #expect(try FunctionTesting.call("weekofyear", [date]) == .int32(week))
        #expect(try FunctionTesting.call("week", [date]) == .int32(week))
        guard case .date(let days) = date else { return }
        let noon = Value.timestamp(Int64(days) * 86_400_000 + 43_200_000)
        #expect(try FunctionTesting.call("weekofyear", [noon]) == .int32(week))
    }

    @Test("dayofweek counts from Sunday = 1 to Saturday = 7")
    func dayOfWeek() throws {
        let week = (1...7).map { dateValue(2023, 1, $0) }  // Sunday 2023-01-01 ... Saturday
        #expect(try week.map { try FunctionTesting.call("dayofweek", [$0]) } == (1...7).map { .int32(Int32($0)) })
    }

    @Test("aliases day and week match dayofmonth and weekofyear")
    func aliases() throws {
        let ts = Value.timestamp(leapDayAfternoon)
        #expect(try FunctionTesting.call("day", [ts]) == FunctionTesting.call("dayofmonth", [ts]))
        #expect(try FunctionTesting.call("week", [ts]) == FunctionTesting.call("weekofyear", [ts]))
    }

    @Test("NULL in, NULL out", arguments: calendarNames + clockNames + ["last_day", "day", "week"])
    func nulls(name: String) throws {
        #expect(try FunctionTesting.call(name, [.null]) == .null)
        #expect(try FunctionTesting.call(name, types: [.timestamp], [.null]) == .null)
    }
}
