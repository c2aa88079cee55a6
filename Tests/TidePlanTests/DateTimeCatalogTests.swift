import Testing
import TideCore
import TidePlan

@Suite("Date/time function catalog")
struct DateTimeCatalogTests {
    @Test(
        "calendar fields resolve for int64, timestamp and date",
        arguments: ["year", "month", "dayofmonth", "day", "dayofweek", "dayofyear", "weekofyear", "week"])
    func calendarFields(name: String) throws {
        for type in [SQLType.int64, .timestamp, .date] {
            let signature = try FunctionResolver.resolve(name, argumentTypes: [type])
            #expect(signature.parameters == [type])
            #expect(signature.returnType == .int32)
        }
    }

    @Test("aliases resolve to the canonical function")
    func aliases() throws {
        #expect(try FunctionResolver.resolve("day", argumentTypes: [.date]).name == "dayofmonth")
        #expect(try FunctionResolver.resolve("WEEK", argumentTypes: [.timestamp]).name == "weekofyear")
    }

    @Test("time-of-day fields take only bigint or timestamp", arguments: ["hour", "minute", "second"])
    func clockFieldsRejectDate(name: String) throws {
        #expect(try FunctionResolver.resolve(name, argumentTypes: [.timestamp]).returnType == .int32)
        #expect(throws: TideError.self) { try FunctionResolver.resolve(name, argumentTypes: [.date]) }
        #expect(throws: TideError.self) { try FunctionResolver.resolve(name, argumentTypes: [.string]) }
        // Exactly bigint or timestamp: a smallint or int column is not widened.
        #expect(throws: TideError.self) { try FunctionResolver.resolve(name, argumentTypes: [.int16]) }
        #expect(throws: TideError.self) { try FunctionResolver.resolve(name, argumentTypes: [.int32]) }
        #expect(try FunctionResolver.resolve(name, argumentTypes: [.null]).returnType == .int32)
    }

    @Test("an int32 argument widens to the int64 (epoch milliseconds) overload")
    func int32Widens() throws {
        #expect(try FunctionResolver.resolve("year", argumentTypes: [.int32]).parameters == [.int64])
    }

    @Test("timestamp(x) and date(x) of other scalars are casts, as OpenMLDB reads them")
    func castForms() throws {
        for type in [SQLType.bool, .int16, .int32, .float, .double] {
            let signature = try FunctionResolver.resolve("timestamp", argumentTypes: [type])
            #expect(signature.parameters == [type] && signature.returnType == .timestamp)
        }
        #expect(try FunctionResolver.resolve("date", argumentTypes: [.date]).returnType == .date)
        #expect(throws: TideError.self) { try FunctionResolver.resolve("date", argumentTypes: [.int32]) }
    }

    @Test("date_format accepts timestamps and dates only")
    func dateFormatTypes() throws {
        #expect(try FunctionResolver.resolve("date_format", argumentTypes: [.date, .string]).returnType == .string)
        #expect(throws: TideError.self) {
            try FunctionResolver.resolve("date_format", argumentTypes: [.string, .string])
        }
        #expect(throws: TideError.self) {
            try FunctionResolver.resolve("date_format", argumentTypes: [.int16, .string])
        }
    }

    @Test("result types")
    func resultTypes() throws {
        #expect(try FunctionResolver.resolve("last_day", argumentTypes: [.timestamp]).returnType == .date)
        #expect(try FunctionResolver.resolve("add_months", argumentTypes: [.date, .int32]).returnType == .date)
        #expect(try FunctionResolver.resolve("datediff", argumentTypes: [.string, .date]).returnType == .int32)
        #expect(try FunctionResolver.resolve("unix_timestamp", argumentTypes: [.string]).returnType == .int64)
        #expect(try FunctionResolver.resolve("timestamp", argumentTypes: [.string]).returnType == .timestamp)
        #expect(try FunctionResolver.resolve("date", argumentTypes: [.timestamp]).returnType == .date)
    }

    @Test("every date/time overload is scalar and NULL-propagating")
    func nullPropagating() throws {
        let names = [
            "year", "month", "dayofmonth", "dayofweek", "dayofyear", "weekofyear", "hour", "minute", "second",
            "last_day", "add_months", "datediff", "date_format", "unix_timestamp", "timestamp", "date",
        ]
        for name in names {
            let definition = try #require(FunctionCatalog.lookup(name))
            #expect(!definition.signatures.isEmpty)
            for signature in definition.signatures {
                #expect(signature.kind == .scalar)
                #expect(signature.nullPropagating)
                #expect(signature.name == name)
            }
        }
    }
}
