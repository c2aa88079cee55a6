import Testing
import TideCore
import TideTestSupport

@Suite("date_format")
struct DateFormatTests {
    /// 2024-02-29T13:45:30.250Z, a Thursday.
    let leapDayAfternoon = Value.timestamp(1_709_214_330_250)

    func format(_ value: Value, _ pattern: String, _ timeZone: SessionTimeZone = .utc) throws -> Value {
        try FunctionTesting.call("date_format", [value, .string(pattern)], timeZone: timeZone)
    }

    @Test("a timestamp formats in the session zone")
    func timestampInZone() throws {
        let ts = Value.timestamp(1_590_115_420_000)  // 2020-05-22T02:43:40Z
        #expect(try format(ts, "%Y-%m-%d %H:%M:%S") == .string("2020-05-22 02:43:40"))
        #expect(try format(ts, "%Y-%m-%d %H:%M:%S", zone("+08:00")) == .string("2020-05-22 10:43:40"))
        #expect(try format(ts, "%Y-%m-%d %H:%M:%S", zone("-05:00")) == .string("2020-05-21 21:43:40"))
    }

    @Test("a date formats as its midnight, whatever the zone")
    func dateAtMidnight() throws {
        let may1 = dateValue(2020, 5, 1)
        #expect(try format(may1, "%Y-%m-%d %H:%M:%S") == .string("2020-05-01 00:00:00"))
        #expect(try format(may1, "%Y-%m-%d %H:%M:%S", zone("+08:00")) == .string("2020-05-01 00:00:00"))
        #expect(try format(may1, "%F %a %j", zone("America/New_York")) == .string("2020-05-01 Fri 122"))
    }

    @Test(
        "conversions (checked against glibc strftime)",
        arguments: [
            ("%a %A %b %B %h", "Thu Thursday Feb February Feb"),
            ("%j %u %w %V %G %g %U %W", "060 4 4 09 2024 24 08 09"),
            ("%y %C %e %I %p %P %l %k", "24 20 29 01 PM pm  1 13"),
            ("%D %F %T %R %r", "02/29/24 2024-02-29 13:45:30 13:45 01:45:30 PM"),
            ("%c|%x|%X", "Thu Feb 29 13:45:30 2024|02/29/24|13:45:30"),
            ("%s %z %Z", "1709214330 +0000 UTC"),
            ("100%% %n%t", "100% \n\t"),
            ("plain text", "plain text"),
        ])
    func conversions(pattern: String, expected: String) throws {
        #expect(try format(leapDayAfternoon, pattern) == .string(expected))
    }

    @Test("GNU flags and widths")
    func flags() throws {
        let ts = Value.timestamp(1_707_490_800_000)  // 2024-02-09T15:00Z, a Friday
        #expect(
            try format(ts, "%-m/%-d/%Y|%_m|%^a|%#p|%10A|%06Y|%e|%-e|%Ey")
                == .string("2/9/2024| 2|FRI|pm|    Friday|002024| 9|9|24"))
    }

    @Test("unknown conversions and a trailing % are copied as written")
    func unknownConversions() throws {
        #expect(try format(leapDayAfternoon, "%Q|%Y%") == .string("%Q|2024%"))
        #expect(try format(leapDayAfternoon, "") == .string(""))
    }

    @Test("week numbers around new year")
    func weeksAroundNewYear() throws {
        #expect(try format(dateValue(2023, 1, 1), "%U %W %V %G") == .string("01 00 52 2022"))
        #expect(try format(dateValue(2021, 1, 3), "%U %W %V %j") == .string("01 00 53 003"))
        #expect(try format(dateValue(2024, 12, 30), "%U %W %V %G") == .string("52 53 01 2025"))
    }

    @Test("offsets and zone names")
    func zones() throws {
        #expect(try format(leapDayAfternoon, "%H:%M %z %Z", zone("+08:00")) == .string("21:45 +0800 +08:00"))
        #expect(try format(leapDayAfternoon, "%H:%M %z", zone("-09:30")) == .string("04:15 -0930"))
        let newYork = try zone("America/New_York")
        #expect(try format(.timestamp(1_615_705_199_000), "%H:%M:%S %z", newYork) == .string("01:59:59 -0500"))
        #expect(try format(.timestamp(1_615_705_200_000), "%H:%M:%S %z", newYork) == .string("03:00:00 -0400"))
        #expect(try format(leapDayAfternoon, "%Z", newYork) == .string("America/New_York"))
    }

    @Test("before 1970 and far in the future")
    func range() throws {
        #expect(try format(.timestamp(-1), "%Y-%m-%d %H:%M:%S %s") == .string("1969-12-31 23:59:59 -1"))
        #expect(try format(.timestamp(-1), "%Y-%m-%d %H:%M:%S", zone("+08:00")) == .string("1970-01-01 07:59:59"))
        #expect(try format(dateValue(1900, 2, 28), "%F %a") == .string("1900-02-28 Wed"))
        #expect(try format(.timestamp(253_402_300_799_000), "%F %T") == .string("9999-12-31 23:59:59"))
    }
}
