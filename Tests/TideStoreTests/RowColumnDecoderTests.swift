import Testing
import TideCore
import TideTestSupport

@testable import TideStore

@Suite("RowColumnDecoder: index reads column by column")
struct RowColumnDecoderTests {
    /// Strings that repeat, collide in no obvious way, and are equal as `String` while their
    /// bytes differ ("é" precomposed and decomposed).
    static let strings: [Value] = [
        .string(""), .string("a"), .string("é"), .string("e\u{301}"), .string("exactly-16-bytes"),
        .string("seventeen-bytes-x"), .string("héllo wörld ✓ 日本 🚀"), .string("nul\u{0}in"),
    ]

    static func sample(_ type: DataType, _ random: inout SeededGenerator) -> Value {
        let choices = type == .string ? strings : RowCodecTests.samples(type)
        return random.next() % 5 == 0 ? .null : choices[Int(random.next() % UInt64(choices.count))]
    }

    /// Same value and, for strings, the same bytes.
    static func exact(_ a: Value, _ b: Value) -> Bool {
        if case .string(let x) = a, case .string(let y) = b { return Array(x.utf8) == Array(y.utf8) }
        return RowCodecTests.identical(a, b)
    }

    /// Appends `bytes` as one row.
    static func append(_ bytes: [UInt8], to decoder: inout RowColumnDecoder, ts: Int64 = 0, seq: UInt64 = 1) throws {
        let span = bytes.span
        try decoder.append(span, ts: ts, seq: seq)
    }

    @Test("every wanted column decodes as RowCodec decodes it, strings byte for byte", arguments: [1, 2, 3, 4])
    func matchesRowCodec(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let table = RowCodecTests.table
        let codec = RowCodec(table)
        let wanted = table.columns.map { _ in random.next() % 3 != 0 }
        var decoder = RowColumnDecoder(table, wanted: wanted)
        var rows: [[Value]] = []
        for r in 0..<400 {
            let row = table.columns.map { Self.sample($0.type, &random) }
            rows.append(row)
            try Self.append(try codec.encode(row), to: &decoder, ts: Int64(r), seq: UInt64(1000 + r))
        }
        let columns = decoder.columns
        #expect(columns.ts == (0..<400).map(Int64.init))
        #expect(columns.seqs == (0..<400).map { UInt64(1000 + $0) })
        for (c, isWanted) in wanted.enumerated() where isWanted {
            #expect(columns.columns[c].count == rows.count)
            for (r, row) in rows.enumerated() {
                let got = columns.columns[c].value(r)
                #expect(Self.exact(row[c], got), "column \(c) row \(r): \(row[c]) became \(got)")
            }
        }
    }

    @Test("a row stored before columns were added reads NULL for them; damaged rows throw XX001")
    func shorterAndDamagedRows() throws {
        let old = TableDef(database: "d", name: "t", columns: [ColumnDef(name: "a", type: .int64)])
        var grown = old
        grown.columns.append(ColumnDef(name: "b", type: .string))
        let bytes = try RowCodec(old).encode([.int64(5)])
        var decoder = RowColumnDecoder(grown, wanted: [true, true])
        try Self.append(bytes, to: &decoder)
        #expect(decoder.columns.columns[0].value(0) == .int64(5))
        #expect(decoder.columns.columns[1].value(0) == .null)
        for cut in 0..<bytes.count {
            let truncated = Array(bytes.prefix(cut))
            var fresh = RowColumnDecoder(old, wanted: [true])
            #expect(throws: TideError.self) { try Self.append(truncated, to: &fresh) }
            #expect(throws: TideError.self) { try RowCodec(old).decode(truncated) }
        }
        var invalid = try RowCodec(grown).encode([.int64(1), .string("ab")])
        invalid[invalid.count - 1] = 0xFF
        var decoder2 = RowColumnDecoder(grown, wanted: [false, true])
        let error = try #require(throws: TideError.self) { try Self.append(invalid, to: &decoder2) }
        #expect(error.code == .dataCorrupted)
    }

    @Test("the store's column reads hold the rows its row reads return, for every range and limit")
    func storeColumnsMatchRows() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            var random = SeededGenerator(seed: 9)
            var rows: [[Value]] = []
            for i in 0..<300 {
                let tag = Self.strings[Int(random.next() % UInt64(Self.strings.count))]
                rows.append([
                    .string(i % 3 == 0 ? "u" : "v"), i % 7 == 0 ? .null : .double(Double(i)),
                    .timestamp(Int64(random.next() % 100)), tag,
                ])
            }
            try store.insert(rows, into: table, tableID: 7)
            for (from, to, limit) in [(nil, nil, nil), (20, 80, nil), (nil, 50, 7), (30, nil, 1000), (90, 10, nil)]
                as [(Int64?, Int64?, Int?)]
            {
                let expected = try store.rows(
                    table: table, index: "by_user", key: [.string("u")], from: from, to: to, limit: limit)
                let got = try store.columns(
                    table: table, index: "by_user", key: [.string("u")], from: from, to: to, limit: limit,
                    wanted: [false, true, true, true])
                #expect(got.seqs == expected.map(\.seq))
                #expect(got.ts == expected.map { $0.values[2].int64Value ?? -1 })
                for c in 1...3 {
                    #expect(
                        zip(expected, 0..<got.count).allSatisfy { Self.exact($0.values[c], got.columns[c].value($1)) })
                }
            }
        }
    }
}
