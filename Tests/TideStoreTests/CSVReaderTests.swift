import Foundation
import Testing
import TideCore
import TideStore

@Suite("CSVReader")
struct CSVReaderTests {
    let table = makeTable([("id", .int32), ("name", .string), ("amount", .double)])

    @Test("quoted fields hold delimiters, doubled quotes and line breaks; CRLF ends records")
    func quoting() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText(
                "id,name,amount\r\n1,\"a,b\",1.5\r\n2,\"say \"\"hi\"\"\",2\r\n3,\"two\nlines\",3\n4,plain,4", to: path)
            let rows = try readCSV(path, table)
            #expect(
                rows == [
                    [.int32(1), .string("a,b"), .double(1.5)],
                    [.int32(2), .string("say \"hi\""), .double(2)],
                    [.int32(3), .string("two\nlines"), .double(3)],
                    [.int32(4), .string("plain"), .double(4)],
                ])
        }
    }

    @Test("unquoted null marker and empty fields are NULL; quoted ones are strings")
    func nullMarkers() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText("id,name,amount\nnull,null,null\n,,\n3,\"null\",\"\"\n4,\"\",null\n", to: path)
            let rows = try readCSV(path, table)
            #expect(
                rows == [
                    [.null, .null, .null],
                    [.null, .null, .null],
                    [.int32(3), .string("null"), .null],
                    [.int32(4), .string(""), .null],
                ])
        }
    }

    @Test("a custom null marker, delimiter and no quoting")
    func customOptions() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText("1|\"x\"|NA\n2|NA|2.5\n", to: path)
            var options = CSVOptions()
            #expect(try options.apply(option: "header", value: "false"))
            #expect(try options.apply(option: "delimiter", value: "|"))
            #expect(try options.apply(option: "quote", value: ""))
            #expect(try options.apply(option: "null_value", value: "NA"))
            #expect(try !options.apply(option: "mode", value: "append"))
            let rows = try readCSV(path, table, options)
            #expect(rows == [[.int32(1), .string("\"x\""), .null], [.int32(2), .null, .double(2.5)]])
        }
    }

    @Test("the header maps columns by name, case-insensitively, in any order")
    func headerMapping() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText("AMOUNT, Name ,ID\n1.25,\"x\",7\n", to: path)
            #expect(try readCSV(path, table) == [[.int32(7), .string("x"), .double(1.25)]])
        }
    }

    @Test("a header with an unknown, a missing or a repeated column is an error")
    func badHeaders() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText("id,name,amount,extra\n", to: path)
            #expect(tideError { _ = try readCSV(path, table) }?.code == .undefinedColumn)
            try writeText("id,name\n1,\"a\"\n", to: path)
            let missing = tideError { _ = try readCSV(path, table) }
            #expect(missing?.code == .invalidTextRepresentation)
            #expect(missing?.message.contains("\"amount\" is missing") == true)
            try writeText("id,name,id\n", to: path)
            #expect(tideError { _ = try readCSV(path, table) }?.message.contains("twice") == true)
        }
    }

    @Test("a date or number of very many digits is a bad value, not an overflow (found by tide-fuzz)")
    func longDigitRuns() throws {
        let dates = makeTable([("d", .date), ("n", .int64)])
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            for field in ["-9223372036854775809", "99999999999999999999999-01-01", "2024-00000000000000000000001-01"] {
                try writeText("d,n\n\(field),1\n", to: path)
                #expect(tideError { _ = try readCSV(path, dates) }?.code == .invalidTextRepresentation, "\(field)")
            }
            try writeText("d,n\n2024-01-01,99999999999999999999999\n", to: path)
            #expect(tideError { _ = try readCSV(path, dates) } != nil)
        }
    }

    @Test("every type parses from its text forms")
    func everyType() throws {
        let all = makeTable([
            ("b", .bool), ("s", .int16), ("i", .int32), ("l", .int64), ("f", .float), ("d", .double),
            ("str", .string), ("dt", .date), ("ts", .timestamp),
        ])
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText(
                """
                b,s,i,l,f,d,str,dt,ts
                true,-32768,2147483647,-9223372036854775808,1.5,-0.125,"é😀",2024-02-29,1590738990000
                FALSE,32767,-2147483648,9223372036854775807,NaN,1e300,"",1969-12-31,2020-05-29 15:56:30.123
                1,0,0,0,-Inf,Infinity,"x",0001-01-01,-1
                0,+7, 42 ,1,inf,-nan,"y",-0044-03-15,1970-01-01 08:00:00
                """, to: path)
            var options = CSVOptions()
            options.timeZone = try #require(SessionTimeZone("+08:00"))
            let rows = try readCSV(path, all, options)
            #expect(rows.count == 4)
            #expect(
                rows[0] == [
                    .bool(true), .int16(-32768), .int32(2_147_483_647), .int64(Int64.min), .float(1.5), .double(-0.125),
                    .string("é😀"), .date(19782), .timestamp(1_590_738_990_000),
                ])
            #expect(rows[1][0] == .bool(false) && rows[1][3] == .int64(Int64.max))
            #expect(rows[1][4].doubleValue?.isNaN == true && rows[1][5] == .double(1e300))
            #expect(rows[1][7] == .date(-1) && rows[1][8] == .timestamp(1_590_738_990_123))
            #expect(rows[2][4] == .float(-.infinity) && rows[2][5] == .double(.infinity))
            #expect(rows[2][7] == .date(Int32(CivilDate(year: 1, month: 1, day: 1).days)))
            #expect(rows[3][1] == .int16(7) && rows[3][2] == .int32(42) && rows[3][8] == .timestamp(0))
            #expect(rows[3][7] == .date(Int32(CivilDate(year: -44, month: 3, day: 15).days)))
        }
    }

    @Test("doubles with many digits read exactly as Swift reads them")
    func doublePrecision() throws {
        let one = makeTable([("d", .double), ("f", .float)])
        let samples = [
            "0.1", "0.30000000000000004", "123456789012345678901234567890", "2.2250738585072014e-308",
            "4.9e-324", "1.7976931348623157e308", "9007199254740993", "-1.5E-7", ".5", "5.",
        ]
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText(samples.map { "\($0),\($0)" }.joined(separator: "\n"), to: path)
            let rows = try readCSV(path, one, CSVOptions(header: false))
            for (row, text) in zip(rows, samples) {
                #expect(row[0] == .double(try #require(Double(text))), "\(text)")
                #expect(row[1] == .float(try #require(Float(text))), "\(text)")
            }
        }
    }

    @Test("a bad value names the file, line and column")
    func badValue() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            try writeText("id,name,amount\n1,\"a\",1\n\n2,\"multi\nline\",2\n3,\"c\",12x\n", to: path)
            let error = try #require(tideError { _ = try readCSV(path, table) })
            #expect(error.code == .invalidTextRepresentation)
            #expect(error.message == "bad value in \(path):6, column \"amount\": \"12x\" is not a double")
        }
    }

    @Test("out-of-range integers, wrong field counts, unclosed quotes and junk after quotes")
    func malformedRows() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            let small = makeTable([("s", .int16)])
            try writeText("s\n40000\n", to: path)
            let range = tideError { _ = try readCSV(path, small) }
            #expect(range?.code == .numericValueOutOfRange)
            #expect(range?.message.contains("\(path):2") == true)
            try writeText("id,name,amount\n1,\"a\"\n", to: path)
            #expect(tideError { _ = try readCSV(path, table) }?.message.contains("expected 3 fields, found 2") == true)
            try writeText("id,name,amount\n1,\"a,2\n", to: path)
            #expect(tideError { _ = try readCSV(path, table) }?.message.contains("not closed") == true)
            try writeText("id,name,amount\n1,\"a\"b,2\n", to: path)
            #expect(tideError { _ = try readCSV(path, table) }?.message.contains("after its closing quote") == true)
            try writeText("id\n99999999999999999999\n", to: path)
            #expect(tideError { _ = try readCSV(path, makeTable([("id", .int64)])) }?.code == .numericValueOutOfRange)
        }
    }

    @Test("NULL in a NOT NULL column is 23502; invalid UTF-8 is 22P02")
    func constraints() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            let strict = makeTable([("id", .int32), ("name", .string)], notNull: ["name"])
            try writeText("id,name\n1,null\n", to: path)
            #expect(tideError { _ = try readCSV(path, strict) }?.code == "23502")
            try Data([0x69, 0x64, 0x2C, 0x6E, 0x61, 0x6D, 0x65, 0x0A, 0x31, 0x2C, 0x22, 0xFF, 0x22, 0x0A])
                .write(to: URL(fileURLWithPath: path))
            #expect(tideError { _ = try readCSV(path, strict) }?.message.contains("invalid UTF-8") == true)
        }
    }

    @Test("records spanning the 1 MiB chunk boundary, a BOM and a missing file")
    func chunkBoundaries() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.csv"
            let long = String(repeating: "ab\"\"c,\n", count: 400_000)
            var text = "\u{FEFF}id,name,amount\n"
            for i in 0..<3 { text += "\(i),\"\(long)\",\(i).5\n" }
            try writeText(text, to: path)
            let rows = try readCSV(path, table)
            let expected = String(repeating: "ab\"c,\n", count: 400_000)
            #expect(rows.count == 3)
            #expect(rows.allSatisfy { $0[1] == .string(expected) })
            #expect(rows[2][2] == .double(2.5))
            #expect(tideError { _ = try readCSV(dir + "/none.csv", table) }?.code == .ioError)
        }
    }

    @Test("option values are validated")
    func optionValidation() throws {
        var options = CSVOptions()
        #expect(tideError { _ = try options.apply(option: "delimiter", value: "ab") }?.code == .invalidParameterValue)
        #expect(tideError { _ = try options.apply(option: "header", value: "yes") }?.code == .invalidParameterValue)
        #expect(tideError { _ = try options.apply(option: "format", value: "parquet") }?.code == .featureNotSupported)
        options.quote = UInt8(ascii: ",")
        #expect(tideError { try options.validate() }?.code == .invalidParameterValue)
    }
}
