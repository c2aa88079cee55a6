import Testing
import TideCore

@Suite("DataType(sqlName:)")
struct DataTypeSQLNameTests {
    @Test(
        "every accepted spelling maps to its type",
        arguments: [
            ("bool", DataType.bool), ("boolean", .bool),
            ("smallint", .int16), ("int16", .int16), ("i16", .int16),
            ("int", .int32), ("integer", .int32), ("int32", .int32), ("i32", .int32),
            ("bigint", .int64), ("int64", .int64), ("i64", .int64),
            ("float", .float), ("float32", .float),
            ("double", .double), ("float64", .double),
            ("string", .string), ("varchar", .string), ("text", .string),
            ("date", .date),
            ("timestamp", .timestamp),
        ] as [(String, DataType)])
    func spelling(name: String, expected: DataType) {
        #expect(DataType(sqlName: name) == expected)
    }

    @Test(
        "lookup is case-insensitive",
        arguments: [
            ("BOOL", DataType.bool), ("Boolean", .bool), ("SMALLINT", .int16), ("I16", .int16),
            ("INT", .int32), ("Integer", .int32), ("BIGINT", .int64), ("I64", .int64),
            ("FLOAT32", .float), ("Double", .double), ("FLOAT64", .double), ("VARCHAR", .string),
            ("Text", .string), ("DATE", .date), ("TimeStamp", .timestamp),
        ] as [(String, DataType)])
    func caseInsensitive(name: String, expected: DataType) {
        #expect(DataType(sqlName: name) == expected)
    }

    @Test(
        "unknown names give nil",
        arguments: ["", "int8", "tinyint", "decimal", "number", "datetime", " int", "int ", "str"])
    func unknown(name: String) {
        #expect(DataType(sqlName: name) == nil)
    }

    @Test("the canonical name of every type reads back as that type")
    func canonicalNamesRoundTrip() {
        for type in DataType.allCases {
            #expect(DataType(sqlName: type.description) == type)
            #expect(DataType(sqlName: type.description.uppercased()) == type)
        }
    }

    @Test("canonical names are the documented ones")
    func canonicalNames() {
        #expect(DataType.int32.description == "int32")
        #expect(DataType.timestamp.description == "timestamp")
        #expect(DataType.string.description == "string")
    }
}

@Suite("SQLState")
struct SQLStateTests {
    @Test("~= matches a TideError with that code")
    func patternMatchesSameCode() {
        let error: any Error = TideError(.syntaxError, "bad")
        #expect(SQLState.syntaxError ~= error)
        #expect(!(SQLState.undefinedTable ~= error))
        #expect(!(SQLState.internalError ~= error))
    }

    @Test("~= does not match errors that are not TideErrors")
    func patternRejectsOtherErrors() {
        struct Other: Error {}
        #expect(!(SQLState.syntaxError ~= Other()))
    }

    @Test("catch SQLState.x selects the clause with the error's code")
    func catchClause() {
        func fail() throws { throw TideError(.undefinedTable, "table t does not exist") }
        var matched = "none"
        do {
            try fail()
        } catch SQLState.syntaxError {
            matched = "syntax"
        } catch SQLState.undefinedTable {
            matched = "undefinedTable"
        } catch {
            matched = "other"
        }
        #expect(matched == "undefinedTable")
    }

    @Test("codes carry their PostgreSQL SQLSTATE text")
    func rawValues() {
        #expect(SQLState.syntaxError.rawValue == "42601")
        #expect(SQLState.ioError.rawValue == "58030")
        #expect(SQLState.internalError.rawValue == "XX000")
        #expect(SQLState.syntaxError.description == "42601")
        let literal: SQLState = "42P01"
        #expect(literal == .undefinedTable)
    }
}

@Suite("TideError")
struct TideErrorTests {
    @Test("description with a position")
    func descriptionWithPosition() {
        let error = TideError(.syntaxError, "msg", position: SourceLocation(offset: 7, line: 1, column: 8))
        #expect(error.description == "ERROR 42601: msg (at line 1, column 8)")
    }

    @Test("description without a position")
    func descriptionWithoutPosition() {
        let error = TideError(.undefinedTable, "table \"t\" does not exist", detail: "d", hint: "h")
        #expect(error.description == "ERROR 42P01: table \"t\" does not exist")
    }

    @Test("SourceLocation description and start")
    func sourceLocation() {
        #expect(SourceLocation(offset: 30, line: 3, column: 12).description == "line 3, column 12")
        #expect(SourceLocation.start == SourceLocation(offset: 0, line: 1, column: 1))
    }

    @Test("internal errors use XX000 and say where they were detected")
    func internalError() throws {
        let error = TideError.internal("boom")
        #expect(error.code == .internalError)
        #expect(error.code.rawValue == "XX000")
        #expect(error.message == "internal error: boom")
        let detail = try #require(error.detail)
        #expect(detail.hasPrefix("detected at TideCoreTests/TideCoreTests.swift:"))
        #expect(error.position == nil)
        #expect(SQLState.internalError ~= error)
    }
}
