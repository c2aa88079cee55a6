import Testing
import TideCore
import TideTestSupport

@testable import TideStore

@Suite("IndexKey")
struct IndexKeyTests {
    /// A table whose index has a string, an int64 and a double key column.
    static let table = TableDef(
        database: "d",
        name: "t",
        columns: [
            ColumnDef(name: "s", type: .string),
            ColumnDef(name: "i", type: .int64),
            ColumnDef(name: "f", type: .double),
            ColumnDef(name: "ts", type: .timestamp),
        ],
        indexes: [IndexDef(name: "k", keyColumns: ["s", "i", "f"], tsColumn: "ts")]
    )

    /// An index entry before encoding.
    struct Entry {
        var key: [Value]
        var ts: Int64
        var seq: UInt64
    }

    /// Reference order of one key field of the test index: NULL first; strings by (length,
    /// bytes); numbers numerically, -0 equal to 0, NaN above everything.
    static func compareField(_ a: Value, _ b: Value) -> Int {
        switch (a, b) {
        case (.null, .null): return 0
        case (.null, _): return -1
        case (_, .null): return 1
        case (.string(let x), .string(let y)):
            let (ux, uy) = (Array(x.utf8), Array(y.utf8))
            if ux.count != uy.count { return ux.count < uy.count ? -1 : 1 }
            return ux == uy ? 0 : (ux.lexicographicallyPrecedes(uy) ? -1 : 1)
        case (.int64(let x), .int64(let y)): return x == y ? 0 : (x < y ? -1 : 1)
        case (.double(let x), .double(let y)):
            if x.isNaN || y.isNaN { return x.isNaN == y.isNaN ? 0 : (x.isNaN ? 1 : -1) }
            return x == y ? 0 : (x < y ? -1 : 1)
        default:
            Issue.record("unexpected field pair \(a), \(b)")
            return 0
        }
    }

    /// Reference order of entries: key fields in order, then ts descending, then seq descending.
    static func referenceOrder(_ a: Entry, _ b: Entry) -> Int {
        for (x, y) in zip(a.key, b.key) {
            let c = compareField(x, y)
            if c != 0 { return c }
        }
        if a.ts != b.ts { return a.ts > b.ts ? -1 : 1 }
        if a.seq != b.seq { return a.seq > b.seq ? -1 : 1 }
        return 0
    }

    static func encode(_ entry: Entry, _ layout: IndexLayout) throws -> [UInt8] {
        var key = try layout.keyPrefix(entry.key)
        IndexKey.appendSuffix(ts: entry.ts, seq: entry.seq, to: &key)
        return key
    }

    @Test("byte order of encoded keys equals (key, ts desc, seq desc), over random entries", arguments: [1, 2, 3, 4])
    func orderProperty(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let strings = ["", "a", "b", "user_1", "user_10", "user_1\u{0}", "user_2", "é", "e\u{301}", "\u{0}"]
        let ints: [Int64] = [.min, -1_000_000, -1, 0, 1, 255, 256, 1_000_000, .max]
        let doubles: [Double] = [-.infinity, -1e300, -1, -0.0, 0, .leastNonzeroMagnitude, 1, 1e300, .infinity, .nan]
        let stamps: [Int64] = [.min, -86_400_000, -1, 0, 1, 1_700_000_000_000, 1_700_000_000_001, .max]
        let seqs: [UInt64] = [0, 1, 2, 255, 256, 1 << 40, .max]
        func pick<T>(_ values: [T]) -> T { values[Int(random.next() % UInt64(values.count))] }
        var entries: [Entry] = []
        for _ in 0..<600 {
            let s: Value = random.next() % 10 == 0 ? .null : .string(pick(strings))
            let i: Value = random.next() % 10 == 0 ? .null : .int64(pick(ints))
            let f: Value = random.next() % 10 == 0 ? .null : .double(pick(doubles))
            entries.append(Entry(key: [s, i, f], ts: pick(stamps), seq: pick(seqs)))
        }
        let layout = try IndexLayout(Self.table.indexes[0], table: Self.table, tableID: 3)
        let encoded = try entries.map { (entry: $0, bytes: try Self.encode($0, layout)) }
        let byBytes = encoded.sorted { $0.bytes.lexicographicallyPrecedes($1.bytes) }
        for (earlier, later) in zip(byBytes, byBytes.dropFirst()) {
            let order = Self.referenceOrder(earlier.entry, later.entry)
            #expect(order <= 0, "\(earlier.entry) sorts before \(later.entry)")
            #expect((order == 0) == (earlier.bytes == later.bytes))
        }
        for entry in encoded {
            #expect(entry.bytes.starts(with: layout.prefix))
            let suffix = try IndexKey.decodeSuffix(entry.bytes.span)
            #expect(suffix.ts == entry.entry.ts)
            #expect(suffix.seq == entry.entry.seq)
        }
    }

    @Test("the prefix of one key never matches an entry of another key (user_1 vs user_10)")
    func prefixFree() throws {
        let table = eventsTable()
        let layout = try IndexLayout(table.indexes[0], table: table, tableID: 1)
        let names = ["user_1", "user_10", "user_1\u{0}", "user_", "", "user_11"]
        for a in names {
            let prefix = try layout.keyPrefix([.string(a)])
            for b in names where b != a {
                let entry = try layout.entryKey(event(b, 0, 5), seq: 1)
                #expect(!entry.starts(with: prefix), "\(a) is a prefix of \(b)")
            }
            #expect(try layout.entryKey(event(a, 0, 5), seq: 1).starts(with: prefix))
            let nullPrefix = try layout.keyPrefix([.null])
            #expect(!nullPrefix.starts(with: prefix))
        }
        let other = IndexKey.indexPrefix(tableID: 1, indexName: "by_user2")
        #expect(!other.starts(with: layout.prefix))
    }

    @Test("lookup values are coerced to the key column's type")
    func coercion() throws {
        let table = TableDef(
            database: "d", name: "t",
            columns: [
                ColumnDef(name: "i", type: .int32), ColumnDef(name: "f", type: .float),
                ColumnDef(name: "ts", type: .int64),
            ],
            indexes: [IndexDef(name: "k", keyColumns: ["i", "f"], tsColumn: "ts")])
        let layout = try IndexLayout(table.indexes[0], table: table, tableID: 1)
        let stored = try layout.keyPrefix([.int32(42), .float(1.5)])
        #expect(try layout.keyPrefix([.int64(42), .double(1.5)]) == stored)
        #expect(try layout.keyPrefix([.int16(42), .float(1.5)]) == stored)
        #expect(try layout.keyPrefix([.int32(42), .double(-0.0)]) == layout.keyPrefix([.int32(42), .float(0)]))
        #expect(throws: TideError.self) { try layout.keyPrefix([.string("42"), .float(1.5)]) }
        #expect(throws: TideError.self) { try layout.keyPrefix([.int32(42)]) }
    }

    @Test("a TS column that is not an integer or timestamp is rejected")
    func tsColumnType() {
        let table = TableDef(
            database: "d", name: "t",
            columns: [ColumnDef(name: "k", type: .string), ColumnDef(name: "ts", type: .double)],
            indexes: [IndexDef(name: "k", keyColumns: ["k"], tsColumn: "ts")])
        #expect(throws: TideError.self) { try IndexLayout(table.indexes[0], table: table, tableID: 1) }
    }

    @Test("prefixEnd is the first key past a prefix")
    func prefixEnd() {
        #expect(OnlineKeySpace.prefixEnd([0x02, 0, 0, 0, 7]) == [0x02, 0, 0, 0, 8])
        #expect(OnlineKeySpace.prefixEnd([0x03, 0, 0, 0xFF, 0xFF]) == [0x03, 0, 1])
        #expect(OnlineKeySpace.prefixEnd([0xFF, 0xFF]) == nil)
    }
}
