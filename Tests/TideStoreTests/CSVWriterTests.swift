import Foundation
import Testing
import TideCore
import TideStore

@Suite("CSVWriter")
struct CSVWriterTests {
    static let all = makeTable([
        ("b", .bool), ("s", .int16), ("i", .int32), ("l", .int64), ("f", .float), ("d", .double),
        ("str", .string), ("dt", .date), ("ts", .timestamp),
    ])

    static let rows: [[Value]] = [
        [
            .bool(true), .int16(-32768), .int32(Int32.max), .int64(Int64.min), .float(0.1), .double(0.1),
            .string("plain"), .date(0), .timestamp(1_590_738_990_123),
        ],
        [
            .bool(false), .int16(32767), .int32(Int32.min), .int64(Int64.max), .float(.nan), .double(.nan),
            .string("null"), .date(-719_162), .timestamp(-1),
        ],
        [
            .null, .null, .null, .null, .float(.infinity), .double(-.infinity), .string(""), .date(Int32.min),
            .timestamp(Int64.min),
        ],
        [
            .bool(true), .int16(0), .int32(0), .int64(0), .float(-0.0), .double(0.30000000000000004),
            .string("a,\"b\"\r\nc 😀 é"), .date(Int32.max), .timestamp(Int64.max),
        ],
        [.null, .null, .null, .null, .null, .double(.leastNonzeroMagnitude), .null, .null, .null],
        [
            .null, .null, .null, .null, .float(Float.leastNonzeroMagnitude), .double(1.7976931348623157e308),
            .string(" spaced "), .date(-1), .null,
        ],
    ]

    private func write(_ rows: [[Value]], to path: String, options: CSVOptions = CSVOptions(), mode: CSVWriteMode)
        throws
    {
        let writer = try CSVWriter(
            path: path, columnNames: Self.all.columns.map(\.name), options: options, mode: mode)
        try writer.write(ColumnBatch(rows: rows, width: Self.all.columns.count))
        try writer.finish()
    }

    @Test("every type round-trips through CSVWriter and CSVReader")
    func roundTrip() throws {
        try withScratchDirectory { dir in
            let path = dir + "/out.csv"
            try write(Self.rows, to: path, mode: .errorIfExists)
            let back = try readCSV(path, Self.all)
            #expect(sameValues(back, Self.rows))
        }
    }

    @Test("round trip with a custom delimiter, quote and null marker")
    func roundTripCustom() throws {
        try withScratchDirectory { dir in
            let path = dir + "/out.tsv"
            let options = CSVOptions(delimiter: UInt8(ascii: "\t"), quote: UInt8(ascii: "'"), nullValue: "\\N")
            try write(Self.rows, to: path, options: options, mode: .overwrite)
            #expect(sameValues(try readCSV(path, Self.all, options), Self.rows))
        }
    }

    @Test("the text form: strings quoted, NULL bare, timestamps as milliseconds")
    func textForm() throws {
        try withScratchDirectory { dir in
            let path = dir + "/out.csv"
            try write([Self.rows[0], Self.rows[2]], to: path, mode: .errorIfExists)
            let text = String(decoding: try Data(contentsOf: URL(fileURLWithPath: path)), as: UTF8.self)
            #expect(
                text == """
                    b,s,i,l,f,d,str,dt,ts
                    true,-32768,2147483647,-9223372036854775808,0.1,0.1,"plain",1970-01-01,1590738990123
                    null,null,null,null,Infinity,-Infinity,"",-5877641-06-23,-9223372036854775808

                    """)
        }
    }

    @Test("modes: error_if_exists fails on an existing file, append skips the header, overwrite replaces")
    func modes() throws {
        try withScratchDirectory { dir in
            let path = dir + "/out.csv"
            try write([Self.rows[0]], to: path, mode: .errorIfExists)
            let exists = tideError { try write([Self.rows[0]], to: path, mode: .errorIfExists) }
            #expect(exists?.code == .ioError)
            #expect(exists?.message.contains("already exists") == true)
            try write([Self.rows[1]], to: path, mode: .append)
            #expect(sameValues(try readCSV(path, Self.all), [Self.rows[0], Self.rows[1]]))
            try write([Self.rows[3]], to: path, mode: .overwrite)
            #expect(sameValues(try readCSV(path, Self.all), [Self.rows[3]]))
            #expect(CSVWriteMode(option: "ERROR_IF_EXISTS") == .errorIfExists)
        }
    }

    @Test("without a quote character, ambiguous strings are refused")
    func noQuote() throws {
        try withScratchDirectory { dir in
            let path = dir + "/out.csv"
            let options = CSVOptions(quote: nil)
            let writer = try CSVWriter(path: path, columnNames: ["s"], options: options, mode: .overwrite)
            try writer.write(ColumnBatch(rows: [[.string("fine")]], width: 1))
            #expect(tideError { try writer.write(ColumnBatch(rows: [[.string("a,b")]], width: 1)) } != nil)
            #expect(tideError { try writer.write(ColumnBatch(rows: [[.string("null")]], width: 1)) } != nil)
            try writer.finish()
        }
    }
}
