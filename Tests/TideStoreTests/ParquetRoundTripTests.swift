import Foundation
import Testing
import TideCore
import TideStore

/// TideDB's Parquet writer read back by TideDB's reader (files from pyarrow and DuckDB, and
/// TideDB's files read by them, are tested in tests/integration/test_parquet.py).
@Suite("Parquet round trip")
struct ParquetRoundTripTests {
    static let columns: [(name: String, type: DataType)] = [
        ("b", .bool), ("s", .int16), ("i", .int32), ("l", .int64), ("f", .float), ("d", .double),
        ("str", .string), ("dt", .date), ("ts", .timestamp),
    ]

    static let edgeRows: [[Value]] = [
        [
            .bool(true), .int16(-32768), .int32(Int32.max), .int64(Int64.min), .float(0.1), .double(0.1),
            .string("plain"), .date(0), .timestamp(1_590_738_990_123),
        ],
        [
            .bool(false), .int16(32767), .int32(Int32.min), .int64(Int64.max), .float(.infinity),
            .double(-.infinity), .string(""), .date(-719_162), .timestamp(-1),
        ],
        [.null, .null, .null, .null, .null, .null, .null, .null, .null],
        [
            .bool(true), .int16(0), .int32(0), .int64(0), .float(-0.0), .double(.leastNonzeroMagnitude),
            .string("a,\"b\"\r\nc 😀 é"), .date(Int32.max), .timestamp(Int64.max),
        ],
    ]

    private func write(
        _ rows: [[Value]], to path: String, compression: String? = nil, rowGroupRows: Int? = nil,
        mode: CSVWriteMode = .errorIfExists
    ) throws {
        let writer = try ParquetWriter(
            path: path, columns: Self.columns, compression: compression, rowGroupRows: rowGroupRows, mode: mode)
        try writer.write(ColumnBatch(rows: rows, width: Self.columns.count))
        try writer.finish()
    }

    private func read(_ path: String) throws -> [[Value]] {
        var reader = try ParquetReader(path: path, table: makeTable(Self.columns.map { ($0.name, $0.type) }))
        return try drain(&reader)
    }

    @Test("every type and NULL comes back unchanged, with every codec", arguments: ["none", "snappy", "zstd", "gzip"])
    func everyTypeEveryCodec(_ codec: String) throws {
        try withScratchDirectory { dir in
            let path = dir + "/t.parquet"
            try write(Self.edgeRows, to: path, compression: codec)
            #expect(try read(path) == Self.edgeRows)
        }
    }

    @Test("NaN survives (and is kept out of the statistics)")
    func nan() throws {
        try withScratchDirectory { dir in
            let path = dir + "/nan.parquet"
            var row = Self.edgeRows[0]
            row[4] = .float(.nan)
            row[5] = .double(.nan)
            try write([row], to: path)
            let back = try read(path)
            guard case .float(let f) = back[0][4], case .double(let d) = back[0][5] else {
                Issue.record("not floats: \(back)")
                return
            }
            #expect(f.isNaN && d.isNaN)
        }
    }

    @Test("many row groups, pages and dictionary-encoded strings")
    func manyRowGroups() throws {
        try withScratchDirectory { dir in
            let path = dir + "/many.parquet"
            var generator = SystemRandomNumberGenerator()
            let rows: [[Value]] = (0..<150_000).map { r in
                let category = ["red", "green", "blue", "é"][r % 4]
                return [
                    r % 7 == 0 ? .null : .bool(r % 3 == 0), .int16(Int16(truncatingIfNeeded: r)), .int32(Int32(r)),
                    .int64(Int64.random(in: Int64.min...Int64.max, using: &generator)), .float(Float(r) / 8),
                    r % 5 == 0 ? .null : .double(Double(r) * 0.5), r % 11 == 0 ? .null : .string(category),
                    .date(Int32(r % 40_000) - 20_000), .timestamp(Int64(r) * 1000 - 5_000_000),
                ]
            }
            try write(rows, to: path, rowGroupRows: 40_000)
            #expect(try read(path) == rows)
        }
    }

    @Test("append keeps the existing row groups and adds the new rows")
    func append() throws {
        try withScratchDirectory { dir in
            let path = dir + "/a.parquet"
            try write(Self.edgeRows, to: path)
            try write(Array(Self.edgeRows.prefix(2)), to: path, mode: .append)
            #expect(try read(path) == Self.edgeRows + Self.edgeRows.prefix(2))
        }
    }

    @Test("error_if_exists leaves an existing file as it was")
    func errorIfExists() throws {
        try withScratchDirectory { dir in
            let path = dir + "/e.parquet"
            try write(Self.edgeRows, to: path)
            let before = try Data(contentsOf: URL(fileURLWithPath: path))
            #expect(throws: TideError.self) { try write([], to: path) }
            #expect(try Data(contentsOf: URL(fileURLWithPath: path)) == before)
            #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["e.parquet"])
        }
    }

    @Test("a truncated file or a damaged page is 22P04 naming the file", arguments: ["truncated", "page", "footer"])
    func corrupt(_ damage: String) throws {
        try withScratchDirectory { dir in
            let path = dir + "/c.parquet"
            try write(Self.edgeRows, to: path, compression: "snappy")
            var bytes = [UInt8](try Data(contentsOf: URL(fileURLWithPath: path)))
            switch damage {
            case "truncated": bytes.removeLast(bytes.count / 3)
            case "page": for k in 20..<60 { bytes[k] ^= 0x5A }
            default: bytes[bytes.count - 8] = 0xFF
            }
            try Data(bytes).write(to: URL(fileURLWithPath: path))
            do {
                _ = try read(path)
                Issue.record("a damaged file was read")
            } catch let error as TideError {
                #expect(error.code == "22P04")
                #expect(error.message.contains(path))
            }
        }
    }

    @Test("a table column the file lacks is 42703; a string file column for a bigint column is 42804")
    func mapping() throws {
        try withScratchDirectory { dir in
            let path = dir + "/m.parquet"
            try write(Self.edgeRows, to: path)
            do {
                var reader = try ParquetReader(path: path, table: makeTable([("missing", .int64)]))
                _ = try drain(&reader)
                Issue.record("no error")
            } catch let error as TideError {
                #expect(error.code == .undefinedColumn)
            }
            do {
                var reader = try ParquetReader(path: path, table: makeTable([("str", .int64)]))
                _ = try drain(&reader)
                Issue.record("no error")
            } catch let error as TideError {
                #expect(error.code == .datatypeMismatch)
                #expect(error.message.contains("str"))
            }
        }
    }

    @Test("a directory is read file by file in name order")
    func directory() throws {
        try withScratchDirectory { dir in
            try write([Self.edgeRows[1]], to: dir + "/part-2.parquet")
            try write([Self.edgeRows[0]], to: dir + "/part-1.parquet")
            FileManager.default.createFile(atPath: dir + "/_SUCCESS", contents: Data())
            #expect(try read(dir) == [Self.edgeRows[0], Self.edgeRows[1]])
            #expect(try read(dir + "/part-*.parquet") == [Self.edgeRows[0], Self.edgeRows[1]])
        }
    }
}
