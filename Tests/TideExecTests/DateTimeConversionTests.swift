import Foundation
import Testing
import TideCore
import TideTestSupport

/// Strings that name no real date or time; every parsing function gives NULL for them.
let invalidDateStrings = [
    "", "abc", "2023-02-29", "2021-02-30", "2021-02-30 00:00:00", "2021-13-01", "2021-01-01 24:00:00",
    "2021-01-01 12:60:00", "21-01-01", "2021/01/01", "2021-01-01 12:00:00 x", "2021-01-01T", "20210230",
]

@Suite("timestamp(), date() and unix_timestamp()")
struct DateTimeConversionTests {
    @Test("timestamp(string) reads the wall clock in the session zone")
    func timestampFromString() throws {
        let call = { (text: String, zone: SessionTimeZone) in
            try FunctionTesting.call("timestamp", [.string(text)], timeZone: zone)
        }
        #expect(try call("2020-05-22 10:43:40", .utc) == .timestamp(1_590_144_220_000))
        #expect(try call("2020-05-22 10:43:40", zone("+08:00")) == .timestamp(1_590_115_420_000))
        #expect(try call("2020-05-22 10:43:40", zone("-05:00")) == .timestamp(1_590_162_220_000))
        #expect(try call("2020-05-22", .utc) == .timestamp(1_590_105_600_000))
        #expect(try call("20200522", zone("+08:00")) == .timestamp(1_590_076_800_000))
        #expect(try call("2020-05-22T10:43:40.5Z", zone("+08:00")) == .timestamp(1_590_144_220_500))
        #expect(try call("2020-05-22T10:43:40+05:30", .utc) == .timestamp(1_590_124_420_000))
        #expect(try call("1969-12-31 23:59:59", .utc) == .timestamp(-1000))
    }

    @Test("timestamp(string) in New York: DST gap moves forward, overlap takes the earlier instant")
    func timestampDaylightSaving() throws {
        let newYork = try zone("America/New_York")
        let call = { (text: String) in try FunctionTesting.call("timestamp", [.string(text)], timeZone: newYork) }
        #expect(try call("2021-03-14 02:30:00") == .timestamp(1_615_707_000_000))  // 03:30 EDT
        #expect(try call("2021-11-07 01:30:00") == .timestamp(1_636_263_000_000))  // 01:30 EDT
        #expect(try call("2021-07-01 12:00:00") == .timestamp(1_625_155_200_000))
        #expect(try call("2021-01-15 12:00:00") == .timestamp(1_610_730_000_000))
    }

    @Test("timestamp(int64) keeps the milliseconds; timestamp(date) is the date's local midnight")
    func timestampFromNumberAndDate() throws {
        #expect(try FunctionTesting.call("timestamp", [.int64(123)]) == .timestamp(123))
        #expect(try FunctionTesting.call("timestamp", [.int32(-5)]) == .timestamp(-5))
        let may22 = dateValue(2020, 5, 22)
        #expect(try FunctionTesting.call("timestamp", [may22]) == .timestamp(1_590_105_600_000))
        #expect(
            try FunctionTesting.call("timestamp", [may22], timeZone: zone("+08:00")) == .timestamp(1_590_076_800_000))
        #expect(
            try FunctionTesting.call("timestamp", [may22], timeZone: zone("America/New_York"))
                == .timestamp(1_590_120_000_000))
        #expect(try FunctionTesting.call("timestamp", [dateValue(1900, 1, 1)]) == .timestamp(-2_208_988_800_000))
    }

    @Test("date(timestamp) is the local date in the session zone")
    func dateFromTimestamp() throws {
        let evening = Value.timestamp(1_590_177_600_000)  // 2020-05-22T20:00Z
        #expect(try FunctionTesting.call("date", [evening]) == dateValue(2020, 5, 22))
        #expect(try FunctionTesting.call("date", [evening], timeZone: zone("+08:00")) == dateValue(2020, 5, 23))
        #expect(try FunctionTesting.call("date", [.timestamp(-1)]) == dateValue(1969, 12, 31))
        #expect(try FunctionTesting.call("date", [.timestamp(-1)], timeZone: zone("+08:00")) == dateValue(1970, 1, 1))
    }

    @Test("date(string) takes the date part; an explicit offset is converted to the session zone")
    func dateFromString() throws {
        let call = { (text: String, zone: SessionTimeZone) in
            try FunctionTesting.call("date", [.string(text)], timeZone: zone)
        }
        #expect(try call("2020-05-22", zone("+08:00")) == dateValue(2020, 5, 22))
        #expect(try call("2020-05-22 23:59:59", zone("+08:00")) == dateValue(2020, 5, 22))
        #expect(try call("20000229", .utc) == dateValue(2000, 2, 29))
        #expect(try call("2020-05-22T23:00:00-05:00", .utc) == dateValue(2020, 5, 23))
        #expect(try call("2020-05-22T23:00:00-05:00", zone("-05:00")) == dateValue(2020, 5, 22))
        // OpenMLDB gives NULL before 1900 (its date encoding); TideDB stores any date.
        #expect(try call("1899-12-31", .utc) == dateValue(1899, 12, 31))
    }

    @Test("unix_timestamp of dates, strings and timestamps, in whole seconds")
    func unixTimestamp() throws {
        let may22 = dateValue(2020, 5, 22)
        #expect(try FunctionTesting.call("unix_timestamp", [may22]) == .int64(1_590_105_600))
        #expect(try FunctionTesting.call("unix_timestamp", [may22], timeZone: zone("+08:00")) == .int64(1_590_076_800))
        #expect(try FunctionTesting.call("unix_timestamp", [may22], timeZone: zone("-05:00")) == .int64(1_590_123_600))
        let text = Value.string("2020-05-22 10:43:40")
        #expect(try FunctionTesting.call("unix_timestamp", [text]) == .int64(1_590_144_220))
        #expect(try FunctionTesting.call("unix_timestamp", [text], timeZone: zone("+08:00")) == .int64(1_590_115_420))
        #expect(try FunctionTesting.call("unix_timestamp", [.string("1969-12-31 23:59:59.500")]) == .int64(-1))
        #expect(try FunctionTesting.call("unix_timestamp", [.timestamp(-1)]) == .int64(-1))
        #expect(try FunctionTesting.call("unix_timestamp", [.timestamp(1999)]) == .int64(1))
    }

    @Test("unix_timestamp('') is the current time")
    func unixTimestampNow() throws {
        let before = Int64(Date().timeIntervalSince1970.rounded(.down))
        let now = try FunctionTesting.call("unix_timestamp", [.string("")])
        let after = Int64(Date().timeIntervalSince1970.rounded(.up))
        guard case .int64(let seconds) = now else {
            Issue.record("unix_timestamp('') gave \(now)")
            return
        }
        #expect((before...after).contains(seconds))
    }

    @Test("invalid strings give NULL", arguments: invalidDateStrings)
    func invalidStrings(text: String) throws {
        let value = Value.string(text)
        #expect(try FunctionTesting.call("timestamp", [value]) == .null)
        #expect(try FunctionTesting.call("date", [value]) == .null)
        #expect(try FunctionTesting.call("datediff", [value, dateValue(2021, 1, 1)]) == .null)
        #expect(try FunctionTesting.call("datediff", [.string("2021-01-01"), value]) == .null)
        #expect(try FunctionTesting.call("add_months", [value, .int32(1)]) == .null)
        if !text.isEmpty {
            #expect(try FunctionTesting.call("unix_timestamp", [value]) == .null)
        }
    }

    @Test("NULL in, NULL out")
    func nulls() throws {
        #expect(try FunctionTesting.call("timestamp", types: [.string], [.null]) == .null)
        #expect(try FunctionTesting.call("date", types: [.timestamp], [.null]) == .null)
        #expect(try FunctionTesting.call("unix_timestamp", types: [.string], [.null]) == .null)
        #expect(try FunctionTesting.call("unix_timestamp", types: [.date], [.null]) == .null)
        #expect(try FunctionTesting.call("datediff", [dateValue(2021, 1, 1), .null]) == .null)
        #expect(try FunctionTesting.call("add_months", [.null, .int32(1)]) == .null)
        #expect(try FunctionTesting.call("add_months", [dateValue(2021, 1, 1), .null]) == .null)
        #expect(try FunctionTesting.call("date_format", [.timestamp(0), .null]) == .null)
        #expect(try FunctionTesting.call("date_format", types: [.date, .string], [.null, .string("%Y")]) == .null)
    }
}

@Suite("add_months and datediff")
struct DateArithmeticTests {
    @Test(
        "add_months clamps to month ends",
        arguments: [
            ((2016, 8, 31), 1, (2016, 9, 30)), ((2016, 8, 31), -1, (2016, 7, 31)), ((2012, 1, 31), 1, (2012, 2, 29)),
            ((2013, 1, 31), 1, (2013, 2, 28)), ((2000, 2, 29), 12, (2001, 2, 28)), ((2000, 2, 29), 48, (2004, 2, 29)),
            ((1900, 1, 31), 1, (1900, 2, 28)), ((2024, 3, 31), -13, (2023, 2, 28)), ((1970, 1, 15), -1, (1969, 12, 15)),
            ((2023, 12, 31), 2, (2024, 2, 29)), ((9999, 12, 31), 1, (10000, 1, 31)),
        ] as [((Int, Int, Int), Int32, (Int, Int, Int))])
    func addMonths(start: (Int, Int, Int), months: Int32, expected: (Int, Int, Int)) throws {
        let result = try FunctionTesting.call("add_months", [dateValue(start.0, start.1, start.2), .int32(months)])
        #expect(result == dateValue(expected.0, expected.1, expected.2))
    }

    @Test("add_months takes int16, int64 and date strings; out-of-range results are NULL")
    func addMonthsOverloads() throws {
        let jan31 = dateValue(2012, 1, 31)
        #expect(try FunctionTesting.call("add_months", [jan31, .int16(1)]) == dateValue(2012, 2, 29))
        #expect(try FunctionTesting.call("add_months", [jan31, .int64(-1)]) == dateValue(2011, 12, 31))
        #expect(try FunctionTesting.call("add_months", [.string("2016-08-31"), .int32(1)]) == dateValue(2016, 9, 30))
        #expect(try FunctionTesting.call("add_months", [jan31, .int64(.max)]) == .null)
        #expect(try FunctionTesting.call("add_months", [.date(.max), .int32(12)]) == .null)
    }

    @Test("datediff counts calendar days, first minus second")
    func dateDiff() throws {
        let diff = { (a: Value, b: Value) in try FunctionTesting.call("datediff", [a, b]) }
        #expect(try diff(.string("2024-03-01"), .string("2024-02-28")) == .int32(2))
        #expect(try diff(.string("2023-03-01"), .string("2023-02-28")) == .int32(1))
        #expect(try diff(dateValue(2100, 3, 1), dateValue(2100, 2, 28)) == .int32(1))
        #expect(try diff(.string("1900-03-01"), dateValue(1900, 2, 28)) == .int32(1))
        #expect(try diff(dateValue(1969, 12, 31), .string("1970-01-01")) == .int32(-1))
        #expect(try diff(.string("2024-03-01 23:59:59"), .string("20240301")) == .int32(0))
        #expect(try diff(.string("9999-12-31"), .string("0001-01-01")) == .int32(3_652_058))
    }

    @Test("datediff converts a string with an explicit offset into the session zone")
    func dateDiffOffset() throws {
        let args: [Value] = [.string("2024-03-01T23:00:00-05:00"), dateValue(2024, 3, 1)]
        #expect(try FunctionTesting.call("datediff", args) == .int32(1))
        #expect(try FunctionTesting.call("datediff", args, timeZone: zone("-05:00")) == .int32(0))
    }
}
