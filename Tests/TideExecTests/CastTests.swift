import Testing
import TideCore
import TidePlan
import TideTestSupport

@testable import TideExec

private let utc = FunctionContext()
private let shanghai = FunctionContext(timeZone: SessionTimeZone("+08:00") ?? .utc)

private func cast(_ value: Value, _ type: DataType, _ context: FunctionContext = utc) -> Value {
    Cast.cast(value, to: type, context: context)
}

@Suite struct CastTests {
    @Test func everyCastOverloadHasAnImplementation() throws {
        for name in ["bool", "int16", "int32", "int64", "float", "double", "string"] {
            let definition = try #require(FunctionCatalog.lookup(name))
            #expect(definition.signatures.count == DataType.allCases.count)
            for signature in definition.signatures {
                #expect(FunctionLibrary.registry.implementation(for: signature) != nil, "\(signature.id)")
            }
        }
        #expect(try FunctionTesting.call("int", [.string("12")]) == .int32(12))
        #expect(try FunctionTesting.call("smallint", [.double(-3.9)]) == .int16(-3))
        #expect(try FunctionTesting.call("bigint", [.timestamp(1_590_115_420_000)]) == .int64(1_590_115_420_000))
        #expect(try FunctionTesting.call("string", [.int32(1)]) == .string("1"))
        #expect(try FunctionTesting.call("bool", [.null]) == .null)
    }

    @Test func stringsToIntegers() {
        #expect(cast(.string(" 42 "), .int32) == .int32(42))
        #expect(cast(.string("+7"), .int64) == .int64(7))
        #expect(cast(.string("0x1F"), .int32) == .int32(31))
        #expect(cast(.string("-0x10"), .int16) == .int16(-16))
        #expect(cast(.string("1a"), .int32) == .null)
        #expect(cast(.string(""), .int32) == .null)
        #expect(cast(.string("1.5"), .int64) == .null)
        #expect(cast(.string("2020-05-22 10:43:40"), .int32) == .null)
        #expect(cast(.string("99999"), .int16) == .null)
        #expect(cast(.string("9223372036854775808"), .int64) == .null)
        #expect(cast(.string("-9223372036854775808"), .int64) == .int64(.min))
        #expect(cast(.string("１２"), .int32) == .null)
    }

    @Test func stringsToBoolsAndFloats() {
        for text in ["t", "true", "TRUE", "y", "yes", "1"] { #expect(cast(.string(text), .bool) == .bool(true)) }
        for text in ["f", "false", "n", "No", "0"] { #expect(cast(.string(text), .bool) == .bool(false)) }
        #expect(cast(.string(""), .bool) == .null)
        #expect(cast(.string("-1"), .bool) == .null)
        #expect(cast(.string("1.5e3"), .double) == .double(1500))
        #expect(cast(.string(" 2.5 "), .double) == .double(2.5))
        #expect(cast(.string("abc"), .double) == .null)
        #expect(cast(.string("inf"), .double) == .double(.infinity))
        #expect(cast(.string("1.1"), .float) == .float(1.1))
    }

    @Test func numbersBetweenTypes() {
        #expect(cast(.double(1.9), .int32) == .int32(1))
        #expect(cast(.double(-1.9), .int64) == .int64(-1))
        #expect(cast(.float(3.7), .int16) == .int16(3))
        #expect(cast(.double(.nan), .int32) == .null)
        #expect(cast(.double(1e30), .int64) == .null)
        #expect(cast(.double(40000), .int16) == .null)
        // Narrowing integers keeps the low bits, as C++ does.
        #expect(cast(.timestamp(1_590_115_420_000), .int32) == .int32(977_520_480))
        #expect(cast(.int32(70000), .int16) == .int16(4464))
        #expect(cast(.int32(-1), .bool) == .bool(true))
        #expect(cast(.int64(0), .bool) == .bool(false))
        #expect(cast(.double(.nan), .bool) == .bool(true))
        #expect(cast(.bool(true), .double) == .double(1))
        #expect(cast(.int64(16_777_217), .float) == .float(16_777_216))
        #expect(cast(.timestamp(1_590_115_420_000), .float) == .float(Float(Int64(1_590_115_420_000))))
    }

    @Test func numbersToStringsLikeCxxStreams() {
        #expect(cast(.float(1.1), .string) == .string("1.1"))
        #expect(cast(.double(1.0), .string) == .string("1"))
        #expect(cast(.double(1e20), .string) == .string("1e+20"))
        #expect(cast(.double(0.1 + 0.2), .string) == .string("0.3"))
        #expect(cast(.double(123_456_789), .string) == .string("1.23457e+08"))
        #expect(cast(.double(0.0001), .string) == .string("0.0001"))
        #expect(cast(.double(-0.0), .string) == .string("-0"))
        #expect(cast(.double(.nan), .string) == .string("nan"))
        #expect(cast(.double(-.infinity), .string) == .string("-inf"))
        #expect(cast(.bool(false), .string) == .string("false"))
        #expect(cast(.int16(-5), .string) == .string("-5"))
        #expect(cast(.int64(.min), .string) == .string("-9223372036854775808"))
    }

    @Test func datesAndTimestampsToStrings() {
        #expect(cast(.date(18383), .string) == .string("2020-05-01"))
        #expect(cast(.date(-1), .string) == .string("1969-12-31"))
        #expect(cast(.timestamp(1_590_115_420_000), .string) == .string("2020-05-22 02:43:40"))
        #expect(cast(.timestamp(1_590_115_420_000), .string, shanghai) == .string("2020-05-22 10:43:40"))
        #expect(cast(.timestamp(-1), .string) == .string("1969-12-31 23:59:59"))
    }

    @Test func stringsToTimestampsAndDates() {
        #expect(cast(.string("2020-05-22 10:43:40"), .timestamp, shanghai) == .timestamp(1_590_115_420_000))
        #expect(cast(.string("2020-05-22"), .timestamp, shanghai) == .timestamp(1_590_076_800_000))
        #expect(cast(.string("20200522"), .timestamp, shanghai) == .timestamp(1_590_076_800_000))
        #expect(cast(.string("1590738989000"), .timestamp) == .null)
        #expect(cast(.string("2020-02-30"), .timestamp) == .null)
        #expect(cast(.string("2020-05-01"), .date) == .date(18383))
        #expect(cast(.string("1969-07-20 20:17:00"), .date) == .date(-165))
        #expect(cast(.string("1899-12-31"), .date) == .null)
        #expect(cast(.string("not a date"), .date) == .null)
    }

    @Test func timestampsAndDatesUseTheSessionZone() {
        // 2020-05-21 15:59:59 UTC is 23:59:59 in UTC+8 and already May 22 in UTC+9.
        #expect(cast(.timestamp(1_590_076_799_000), .date) == .date(18403))
        let tokyo = FunctionContext(timeZone: SessionTimeZone("+09:00") ?? .utc)
        #expect(cast(.timestamp(1_590_076_799_000), .date, tokyo) == .date(18404))
        #expect(cast(.date(18383), .timestamp, shanghai) == .timestamp(1_588_262_400_000))
        #expect(cast(.date(-1), .timestamp) == .timestamp(-86_400_000))
        #expect(cast(.int64(1_590_115_420_000), .timestamp) == .timestamp(1_590_115_420_000))
        #expect(cast(.double(1.9), .timestamp) == .timestamp(1))
        #expect(cast(.bool(true), .timestamp) == .timestamp(1))
    }

    @Test func unsupportedConversionsAreNullOrRejected() {
        #expect(cast(.date(18383), .int32) == .null)
        #expect(cast(.date(18383), .bool) == .null)
        #expect(cast(.date(18383), .double) == .null)
        #expect(cast(.int32(1), .date) == .null)
        #expect(cast(.null, .int32) == .null)
        #expect(!Cast.isSupported(from: .int32, to: .date))
        #expect(!Cast.isSupported(from: .bool, to: .date))
        #expect(Cast.isSupported(from: .string, to: .date))
        #expect(Cast.isSupported(from: .date, to: .int32))
    }
}
