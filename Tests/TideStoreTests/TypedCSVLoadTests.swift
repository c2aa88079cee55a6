import Foundation
import Testing
import TideCore
import TideTestSupport

@testable import TideStore

/// The offline LOAD DATA path for CSV files: rows parsed into typed columns and handed to the
/// segment writer without a `Value` per cell must give the same segments as the same rows
/// appended as values, and the tokenizer's eight-bytes-at-a-time search must split fields as
/// a byte-by-byte reading does.
@Suite("Typed CSV load")
struct TypedCSVLoadTests {
    private let columns: [(String, DataType)] = [
        ("b", .bool), ("i16", .int16), ("i32", .int32), ("i64", .int64), ("f", .float), ("d", .double),
        ("s", .string), ("day", .date), ("ts", .timestamp), ("s2", .string),
    ]

    /// One CSV field of `type`: NULL often, quoted strings with delimiters, doubled quotes and
    /// line breaks, non-ASCII text, strings around the dictionary's 8- and 16-byte edges.
    private func field(_ type: DataType, rng: inout SeededGenerator) -> String {
        if Int.random(in: 0..<7, using: &rng) == 0 { return ["null", ""].randomElement(using: &rng) ?? "" }
        switch type {
        case .bool: return ["true", "false", "1", "0", "TRUE"].randomElement(using: &rng) ?? "true"
        case .int16: return String(Int16.random(in: Int16.min...Int16.max, using: &rng))
        case .int32: return String(Int32.random(in: -50...50, using: &rng) * 1000 + 7)
        case .int64:
            return [String(Int64.min), String(Int64.max), String(Int64.random(in: -1 << 50...1 << 50, using: &rng))]
                .randomElement(using: &rng) ?? "0"
        case .float: return String(Float.random(in: -100...100, using: &rng))
        case .double:
            return ["NaN", "-Inf", "Infinity", "-0.0", "1e300", String(Double.random(in: -1e6...1e6, using: &rng))]
                .randomElement(using: &rng) ?? "0"
        case .date: return ["2024-01-01", "1970-01-01", "2099-12-31", "1900-02-28"].randomElement(using: &rng) ?? ""
        case .timestamp:
            return ["1704067200000", "2024-03-01 12:34:56", "2024-03-01 12:34:56.789", "0", "-1"]
                .randomElement(using: &rng) ?? "0"
        case .string:
            let plain = [
                "a", "é", "e\u{301}", "grocery", "u0001851", "m000174", "eight-b1", "sixteen-bytes-ab",
                "sixteen-bytes-ab-tail", "seven77", "fifteen-bytes-x", "seventeen-bytes-y", "日本語テキスト",
                "u\(Int.random(in: 0..<40, using: &rng))",
                // Pairs that differ in one middle byte, so a dictionary reading a string's
                // first bytes wrongly would merge them.
                "abcde", "abXde", "groXery", "twelve-bytes", "twelve-bXtes", "ten-bytesA", "ten-bXtesA",
            ]
            let quoted = ["\"a,b\"", "\"say \"\"hi\"\"\"", "\"two\nlines\"", "\"\"", "\"null\"", "\"x\r\ny\""]
            return Int.random(in: 0..<4, using: &rng) == 0
                ? quoted.randomElement(using: &rng) ?? "\"\"" : plain.randomElement(using: &rng) ?? "a"
        }
    }

    /// Every `.tideoff` file of `table` in `store`, by name (names sort by first row).
    private func segmentFiles(_ store: OfflineStore, _ table: TableDef) throws -> [[UInt8]] {
        let directory = store.directory(for: table)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            .filter { $0.hasSuffix(OfflineSegment.fileExtension) }.sorted()
        return try names.map { try [UInt8](Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0))) }
    }

    @Test("typed columns make the same segments as the same rows as values", arguments: 0..<8)
    func sameSegments(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 104_729 &+ 3)
        let table = makeTable(columns)
        let rowCount = Int.random(in: 1...4000, using: &rng)
        let lineEnd = ["\n", "\r\n"].randomElement(using: &rng) ?? "\n"
        var text = columns.map(\.0).joined(separator: ",") + lineEnd
        for _ in 0..<rowCount {
            text += columns.map { field($0.1, rng: &rng) }.joined(separator: ",") + lineEnd
        }
        let segmentRows = Int.random(in: 1...1500, using: &rng)
        let batchSize = Int.random(in: 1...900, using: &rng)
        try withScratchDirectory { dir in
            let path = dir + "/rows.csv"
            try writeText(text, to: path)
            let typedStore = OfflineStore(root: dir + "/typed", segmentRowLimit: segmentRows)
            let valueStore = OfflineStore(root: dir + "/values", segmentRowLimit: segmentRows)
            let typedWriter = try typedStore.writer(for: table, mode: .append)
            let typedReader = try CSVReader(path: path, table: table, batchSize: batchSize)
            var expected: [[Value]] = []
            while let batch = try typedReader.nextTyped() {
                try typedWriter.append(batch)
                let values = batch.columnBatch()
                for r in 0..<values.count { expected.append(values.row(r)) }
            }
            try typedWriter.commit()
            let valueWriter = try valueStore.writer(for: table, mode: .append)
            let valueReader = try CSVReader(path: path, table: table, batchSize: batchSize)
            while let batch = try valueReader.next() { try valueWriter.append(batch) }
            try valueWriter.commit()

            #expect(expected.count == rowCount)
            let typedFiles = try segmentFiles(typedStore, table)
            #expect(typedFiles.count == (rowCount + segmentRows - 1) / segmentRows)
            #expect(typedFiles == (try segmentFiles(valueStore, table)))
            #expect(sameValues(try readSource(try typedStore.source(for: table)), expected))
        }
    }

    @Test("a typed column of another type is refused")
    func typeMismatch() throws {
        let table = makeTable([("n", .int64)])
        try withScratchDirectory { dir in
            let writer = try OfflineStore(root: dir).writer(for: table, mode: .append)
            var column = TypedColumn(type: .int32)
            column.append(word: 5)
            let error = tideError { try writer.append(TypedColumnBatch(columns: [column], count: 1)) }
            #expect(error?.code == .datatypeMismatch)
            writer.abort()
        }
    }

    @Test("fields are split where a byte-by-byte reading splits them", arguments: 0..<6)
    func tokenizerAgreesWithBytewiseSplit(seed: Int) {
        var rng = SeededGenerator(seed: UInt64(seed) &+ 77)
        let delimiter = [UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: "\t"), UInt8(ascii: "|")][seed % 4]
        // Field bytes include the other delimiters, high bytes and 0x80-crossing neighbours of the
        // delimiter and line breaks (what a word-at-a-time match could confuse).
        let alphabet: [UInt8] =
            [
                UInt8(ascii: "a"), UInt8(ascii: "z"), UInt8(ascii: "0"), 0xC3, 0xA9, 0x8A, 0x8D, 0x0B, 0x0C, 0x09,
                0x2C, 0x3B, 0x7C, 0x2D, 0x2B, 0x7F, 0xFF, 0x01,
            ].filter { $0 != delimiter }
        let tokenizer = CSVTokenizer(delimiter: delimiter, quote: nil)
        for _ in 0..<400 {
            var record: [UInt8] = []
            var expected: [Range<Int>] = []
            for f in 0..<Int.random(in: 1...9, using: &rng) {
                if f > 0 { record.append(delimiter) }
                let start = record.count
                for _ in 0..<Int.random(in: 0...21, using: &rng) {
                    record.append(alphabet.randomElement(using: &rng) ?? 0x61)
                }
                expected.append(start..<record.count)
            }
            let end = record.count
            let lineEnd: [UInt8] = [[0x0A], [0x0D, 0x0A], [0x0D]].randomElement(using: &rng) ?? [0x0A]
            record += lineEnd
            // More bytes after the record, so the search can run past it.
            record += [UInt8](repeating: UInt8(ascii: "q"), count: Int.random(in: 0...9, using: &rng))
            var fields: [CSVField] = []
            let scan = record.withUnsafeBytes { tokenizer.scan($0, from: 0, atEOF: true, into: &fields) }
            guard case .record(let next, let lines) = scan else {
                Issue.record("no record in \(record)")
                return
            }
            #expect(fields.map { $0.start..<$0.end } == expected)
            #expect(lines == 1)
            #expect(next == end + lineEnd.count)
        }
    }
}
