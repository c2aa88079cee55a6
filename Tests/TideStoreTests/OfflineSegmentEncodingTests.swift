import Foundation
import Testing
import TideCore
import TideTestSupport

@testable import TideStore

/// Segment format version 2: integers as deltas from a base, strings through a dictionary,
/// each chosen per column and segment, and version-1 files still read.
@Suite("Offline segment encodings")
struct OfflineSegmentEncodingTests {
    private let allTypes: [(String, DataType)] = [
        ("b", .bool), ("i16", .int16), ("i32", .int32), ("i64", .int64), ("f", .float), ("d", .double),
        ("s", .string), ("day", .date), ("ts", .timestamp),
    ]

    /// A value of `type` from one of several shapes: narrow ranges, extremes, repeats, uniques.
    private func value(_ type: DataType, row: Int, shape: Int, rng: inout SeededGenerator) -> Value {
        if shape % 5 == 4 || Int.random(in: 0..<9, using: &rng) == 0 { return .null }
        let narrow = shape % 5 == 0
        let extreme = shape % 5 == 1
        switch type {
        case .bool: return .bool(Bool.random(using: &rng))
        case .int16:
            return .int16(
                extreme
                    ? [Int16.min, Int16.max, 0].randomElement(using: &rng) ?? 0
                    : Int16.random(in: narrow ? -100...100 : -30000...30000, using: &rng))
        case .int32:
            return .int32(
                extreme
                    ? [Int32.min, Int32.max].randomElement(using: &rng) ?? 0
                    : Int32.random(in: narrow ? 1_000_000...1_000_200 : -2_000_000_000...2_000_000_000, using: &rng))
        case .int64:
            return .int64(
                extreme
                    ? [Int64.min, Int64.max, -1].randomElement(using: &rng) ?? 0
                    : narrow ? Int64(row) + 5_000_000_000 : Int64.random(in: -1 << 40...1 << 40, using: &rng))
        case .float: return .float(Float.random(in: -10...10, using: &rng))
        case .double:
            return .double(
                [Double.nan, .infinity, -0.0, 1.5, Double.random(in: -1e9...1e9, using: &rng)].randomElement(
                    using: &rng) ?? 0)
        case .string:
            if extreme { return .string("unique-\(row)-\(UInt64.random(in: 0...UInt64.max, using: &rng))") }
            // Same first 16 bytes and length, different tails; 8- and 16-byte edges.
            let pool = [
                "", "a", "é", "e\u{301}", "online", "grocery", String(repeating: "long text ", count: 5),
                "sixteen-bytes-ab-tail-1", "sixteen-bytes-ab-tail-2", "sixteen-bytes-ab", "sixteen-bytes-ac",
                "eight-b1",
                "eight-b2",
            ]
            return .string(narrow ? pool.randomElement(using: &rng) ?? "" : "u\(Int.random(in: 0..<300, using: &rng))")
        case .date: return .date(Int32.random(in: narrow ? 19000...19100 : Int32.min...Int32.max, using: &rng))
        case .timestamp:
            return .timestamp(
                narrow ? 1_704_067_200_000 + Int64(row) * 37 : Int64.random(in: Int64.min...Int64.max, using: &rng))
        }
    }

    @Test("every type and shape reads back exactly as written", arguments: 0..<12)
    func roundTrip(seed: Int) throws {
        var rng = SeededGenerator(seed: UInt64(seed) &* 7919 &+ 1)
        let table = makeTable(allTypes)
        let shapes = allTypes.map { _ in Int.random(in: 0..<5, using: &rng) }
        let rowCount = Int.random(in: 1...3000, using: &rng)
        let rows = (0..<rowCount).map { r in
            allTypes.enumerated().map { c, column in value(column.1, row: r, shape: shapes[c], rng: &rng) }
        }
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: Int.random(in: 1...1200, using: &rng))
            let writer = try store.writer(for: table, mode: .append)
            var start = 0
            while start < rows.count {
                let end = min(rows.count, start + Int.random(in: 1...700, using: &rng))
                try writer.append(ColumnBatch(rows: Array(rows[start..<end]), width: table.columns.count))
                start = end
            }
            try writer.commit()
            let back = try readSource(try store.source(for: table), batchSize: Int.random(in: 1...500, using: &rng))
            let same = sameValues(back, rows) && sameTexts(back, rows)
            #expect(same, "seed \(seed), shapes \(shapes)")
        }
    }

    @Test("narrow integers and repeated strings take fewer bytes; wide or unique ones stay plain")
    func chosenEncodings() throws {
        let table = makeTable([
            ("txn", .int64), ("user", .string), ("category", .string), ("ts", .timestamp), ("id", .string),
            ("wide", .int64), ("small", .int16),
        ])
        let categories = ["fuel", "health", "online"]
        let rows: [[Value]] = (0..<20_000).map { (r: Int) -> [Value] in
            var row: [Value] = [.int64(Int64(r) + 1_000_000), .string("u\(r % 5000)"), .string(categories[r % 3])]
            row.append(.timestamp(1_704_067_200_000 + Int64(r) * 151))
            row.append(.string("txn-\(r)"))
            row.append(.int64(r % 2 == 0 ? Int64.min : Int64.max))
            row.append(.int16(Int16(r % 100)))
            return row
        }
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 65_536)
            let (_, bytes) = try writeOneSegment(store, table, rows)
            #expect(UInt16(bytes[8]) | UInt16(bytes[9]) << 8 == 2)
            let formats = (0..<table.columns.count).map { c in directoryEntry(bytes, c) }
            #expect(formats[0].encoding == 1 && formats[0].width == 2)  // txn ids span 20,000
            #expect(formats[1].encoding == 2 && formats[1].width == 2 && formats[1].dictionary == 5000)
            #expect(formats[2].encoding == 2 && formats[2].width == 1 && formats[2].dictionary == 3)
            #expect(formats[3].encoding == 1 && formats[3].width == 4)  // 20,000 × 151 ms
            #expect(formats[4].encoding == 0)  // unique strings: the dictionary was given up
            #expect(formats[5].encoding == 0)  // the full Int64 range
            #expect(formats[6].encoding == 1 && formats[6].width == 1)
            // Plain, the user, category and id strings alone would take 20,000 × (4 + ~5 + 4 + ~5 + 4 + ~9).
            #expect(bytes.count < 20_000 * 36)
            #expect(sameValues(try readSource(try store.source(for: table)), rows))
            // Only the columns asked for are decoded, their dictionaries included.
            var narrow = try store.source(for: table).scan(batchSize: 7_000, columns: [2, 0])
            #expect(try drain(&narrow) == rows.map { [$0[2], $0[0]] })
        }
    }

    @Test("a version-1 file (every column plain) is still read")
    func readsVersionOne() throws {
        let table = makeTable([("id", .int64), ("name", .string), ("amount", .double)])
        let rows: [[Value]] = (0..<40).map { (r: Int) -> [Value] in
            let id: Int64 = r % 2 == 0 ? Int64.max - Int64(r) : Int64.min + Int64(r)
            let name: Value = r % 3 == 0 ? .null : .string("n\(r)")
            return [.int64(id), name, .double(Double(r) / 8)]
        }
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            let (file, written) = try writeOneSegment(store, table, rows)
            // Rewrite every column plain, as version 1 wrote it, and mark the file version 1.
            let bytes = try version1Segment(table: table, rows: rows, like: written)
            try Data(bytes).write(to: URL(fileURLWithPath: file))
            #expect(directoryEntry(bytes, 1).encoding == 0)
            #expect(sameValues(try readSource(try store.source(for: table)), rows))
        }
    }

    @Test("a code outside its dictionary or an unknown encoding is a damaged file (XX001)")
    func damagedDictionary() throws {
        let table = makeTable([("category", .string)])
        let rows: [[Value]] = (0..<64).map { r in [.string(["a", "b"][r % 2])] }
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            let (file, original) = try writeOneSegment(store, table, rows)
            let entry = directoryEntry(original, 0)
            #expect(entry.encoding == 2 && entry.dictionary == 2)
            var badCode = original
            badCode[entry.offset + OfflineSegment.bitmapLength(rows: 64) + 5] = 2
            try Data(resealed(badCode)).write(to: URL(fileURLWithPath: file))
            #expect(tideError { _ = try readSource(try store.source(for: table)) }?.code == .dataCorrupted)
            var badEncoding = original
            badEncoding[OfflineSegment.headerSize + 1] = 9
            try Data(resealed(badEncoding)).write(to: URL(fileURLWithPath: file))
            #expect(tideError { _ = try readSource(try store.source(for: table)) }?.code == .dataCorrupted)
            try Data(original).write(to: URL(fileURLWithPath: file))
            #expect(try readSource(try store.source(for: table)).count == 64)
        }
    }

    // MARK: - Helpers

    /// Loads `rows` into `table` in one write and returns its one segment file's path and bytes.
    private func writeOneSegment(_ store: OfflineStore, _ table: TableDef, _ rows: [[Value]]) throws -> (
        file: String, bytes: [UInt8]
    ) {
        let writer = try store.writer(for: table, mode: .append)
        try writer.append(ColumnBatch(rows: rows, width: table.columns.count))
        try writer.commit()
        let directory = store.directory(for: table)
        let names = try FileManager.default.contentsOfDirectory(atPath: directory).filter { $0.hasSuffix(".tideoff") }
        let file = directory + "/" + (try #require(names.count == 1 ? names.first : nil))
        return (file, try [UInt8](Data(contentsOf: URL(fileURLWithPath: file))))
    }

    private struct Entry {
        var encoding: UInt8
        var width: UInt8
        var dictionary: Int
        var offset: Int
    }

    private func directoryEntry(_ bytes: [UInt8], _ column: Int) -> Entry {
        let at = OfflineSegment.headerSize + column * OfflineSegment.directoryEntrySize
        let dictionary = (0..<4).reduce(0) { $0 | Int(bytes[at + 4 + $1]) << (8 * $1) }
        let offset = (0..<8).reduce(0) { $0 | Int(bytes[at + 8 + $1]) << (8 * $1) }
        return Entry(encoding: bytes[at + 1], width: bytes[at + 2], dictionary: dictionary, offset: offset)
    }

    /// `bytes` with its checksum recomputed, so that only the change itself is wrong.
    private func resealed(_ bytes: [UInt8]) -> [UInt8] {
        var out = Array(bytes[0..<(bytes.count - OfflineSegment.trailerSize)])
        let checksum = out.withUnsafeBytes { SegmentChecksum.compute($0) }
        withUnsafeBytes(of: checksum.littleEndian) { out.append(contentsOf: $0) }
        out.append(contentsOf: OfflineSegment.endMagic)
        return out
    }

    /// The version-1 file for `rows`: the header and directory of `like`, every column plain.
    private func version1Segment(table: TableDef, rows: [[Value]], like: [UInt8]) throws -> [UInt8] {
        var out = Array(like[0..<OfflineSegment.headerSize])
        out[8] = 1
        out[9] = 0
        let directoryStart = out.count
        out.append(contentsOf: repeatElement(0, count: table.columns.count * OfflineSegment.directoryEntrySize))
        for (c, column) in table.columns.enumerated() {
            while out.count % 8 != 0 { out.append(0) }
            let offset = out.count
            var nulls = [UInt8](repeating: 0, count: OfflineSegment.bitmapLength(rows: rows.count))
            for (r, row) in rows.enumerated() where row[c] == .null { nulls[r >> 3] |= 1 << UInt8(r & 7) }
            out.append(contentsOf: nulls)
            var strings: [UInt8] = []
            var offsets: [UInt32] = [0]
            for row in rows {
                switch row[c] {
                case .int64(let v): withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
                case .double(let v): withUnsafeBytes(of: v.bitPattern.littleEndian) { out.append(contentsOf: $0) }
                case .string(let s):
                    strings.append(contentsOf: s.utf8)
                    offsets.append(UInt32(strings.count))
                case .null where column.type == .string: offsets.append(UInt32(strings.count))
                case .null: out.append(contentsOf: repeatElement(0, count: 8))
                default: throw TideError.internal("unexpected value in the test")
                }
            }
            if column.type == .string {
                for o in offsets { withUnsafeBytes(of: o.littleEndian) { out.append(contentsOf: $0) } }
                out.append(contentsOf: strings)
            }
            let entry = directoryStart + c * OfflineSegment.directoryEntrySize
            out[entry] = OfflineSegment.tag(column.type)
            withUnsafeBytes(of: UInt64(offset).littleEndian) { for k in 0..<8 { out[entry + 8 + k] = $0[k] } }
            withUnsafeBytes(of: UInt64(out.count - offset).littleEndian) {
                for k in 0..<8 { out[entry + 16 + k] = $0[k] }
            }
        }
        out.append(contentsOf: repeatElement(0, count: OfflineSegment.trailerSize))
        return resealed(out)
    }

    /// Strings compared by their bytes too (NFC-different texts must not be merged).
    private func sameTexts(_ a: [[Value]], _ b: [[Value]]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            for (u, v) in zip(x, y) {
                if case .string(let s) = u, case .string(let t) = v, !s.utf8.elementsEqual(t.utf8) { return false }
            }
        }
        return true
    }
}
