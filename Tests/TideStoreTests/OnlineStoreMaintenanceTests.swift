import Testing
import TideCore

@testable import TideStore

@Suite("OnlineStore: delete, truncate, drop, backfill, sweep, preview")
struct OnlineStoreMaintenanceTests {
    /// Every row of `source`, batch by batch.
    static func drain(_ source: OnlineTableSource, batchSize: Int = 2) throws -> [[Value]] {
        var iterator = try source.scan(batchSize: batchSize)
        var rows: [[Value]] = []
        while let batch = try iterator.next() {
            #expect(batch.count <= batchSize)
            rows += (0..<batch.count).map { batch.row($0) }
        }
        return rows
    }

    static func keys(_ store: OnlineStore, _ prefix: [UInt8]) throws -> Int {
        try store.database.scan(prefix: prefix).count
    }

    @Test("online preview yields every row in seq order, in batches")
    func preview() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let rows = [event("b", 1, 30), event("a", 2, 10), event("b", 3, 20), event("c", 4, 5), event("a", 5, 1)]
            try store.insert(Array(rows[0..<2]), into: table, tableID: 7)
            try store.insert(Array(rows[2...]), into: table, tableID: 7)
            #expect(try Self.drain(store.source(for: table, tableID: 7)) == rows)
            #expect(try Self.drain(store.source(for: table, tableID: 8)) == [])
            let bare = TableDef(database: "demo", name: "bare", columns: table.columns)
            try store.insert(rows, into: bare, tableID: 9)
            #expect(try Self.drain(store.source(for: bare, tableID: 9), batchSize: 10) == rows)
        }
    }

    @Test("online preview applies the TTL of the first index")
    func previewTTL() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable(ttl: TTL(kind: .latest, latestCount: 1))
            try store.insert(
                [event("a", 1, 10), event("b", 2, 10), event("a", 3, 20), event("b", 4, 5)], into: table, tableID: 7)
            #expect(try Self.drain(store.source(for: table, tableID: 7)) == [event("b", 2, 10), event("a", 3, 20)])
        }
    }

    @Test("delete removes matching rows from the row log and every index")
    func deleteRows() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable(extraIndexes: [IndexDef(name: "by_tag", keyColumns: ["tag"], tsColumn: "ts")])
            try store.insert(
                [event("a", 1, 1, "x"), event("a", 5, 2, "x"), event("b", 7, 3, "y")], into: table, tableID: 7)
            let deleted = try store.delete(table: table, tableID: 7) { $0[1] == .double(5) || $0[0] == .string("b") }
            #expect(deleted == 2)
            #expect(try Self.drain(store.source(for: table, tableID: 7)) == [event("a", 1, 1, "x")])
            let byTag = try store.rows(
                table: table, index: "by_tag", key: [.string("x")], from: nil, to: nil, limit: nil)
            #expect(byTag.map(\.seq) == [1])
            #expect(try Self.keys(store, IndexKey.tablePrefix(tableID: 7)) == 2)
            #expect(try store.delete(table: table, tableID: 7) { _ in false } == 0)
        }
    }

    @Test("truncate empties a table and keeps its sequence; drop forgets the sequence too")
    func truncateAndDrop() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            try store.insert([event("a", 1, 1), event("a", 2, 2)], into: table, tableID: 7)
            try store.insert([event("a", 1, 1)], into: table, tableID: 8)
            try store.truncate(tableID: 7)
            #expect(try Self.drain(store.source(for: table, tableID: 7)) == [])
            #expect(
                try store.rows(
                    tableID: 7, table: table, index: "by_user", key: [.string("a")], from: nil, to: nil, limit: nil)
                    == [])
            #expect(try store.insert([event("a", 3, 3)], into: table, tableID: 7) == [3])
            try store.drop(tableID: 7)
            #expect(try Self.keys(store, [IndexKey.namespace]) == 1)
            #expect(try Self.keys(store, [OnlineKeySpace.rowLogNamespace]) == 1)
            #expect(try store.database.get(OnlineKeySpace.sequenceKey(tableID: 7)) == nil)
            #expect(try store.insert([event("a", 4, 4)], into: table, tableID: 7) == [1])
            #expect(try Self.drain(store.source(for: table, tableID: 8)) == [event("a", 1, 1)])
        }
    }

    @Test("backfill builds a new index from the rows already stored; dropIndex removes it")
    func backfillAndDropIndex() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            var table = eventsTable()
            try store.insert(
                (0..<25).map { event("u\($0 % 3)", Double($0), Int64($0), "t\($0 % 2)") }, into: table, tableID: 7)
            let index = IndexDef(
                name: "by_tag", keyColumns: ["tag"], tsColumn: "ts", ttl: TTL(kind: .latest, latestCount: 4))
            table.indexes.append(index)
            #expect(try store.backfill(index: index, table: table, tableID: 7, chunkSize: 7) == 25)
            try store.insert([event("u0", 99, 100, "t1")], into: table, tableID: 7)
            let rows = try store.rows(
                table: table, index: "by_tag", key: [.string("t1")], from: nil, to: nil, limit: nil)
            #expect(rows.map { $0.values[1] } == [.double(99), .double(23), .double(21), .double(19)])
            try store.dropIndex(named: "by_tag", tableID: 7)
            #expect(try Self.keys(store, IndexKey.indexPrefix(tableID: 7, indexName: "by_tag")) == 0)
            #expect(try Self.keys(store, IndexKey.indexPrefix(tableID: 7, indexName: "by_user")) == 26)
        }
    }

    @Test("backfill range-deletes the index's key range only when a killed build left entries there")
    func backfillRangeDeletesOnlyLeftovers() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            var table = eventsTable()
            try store.insert((0..<10).map { event("u\($0 % 2)", Double($0), Int64($0), "t") }, into: table, tableID: 7)
            // The memtable counts every write, a range delete included.
            func memtableEntries() -> UInt64 { store.database.integerProperty("rocksdb.num-entries-active-mem-table") }
            var before = memtableEntries()
            #expect(before > 0)
            let fresh = IndexDef(name: "by_tag", keyColumns: ["tag"], tsColumn: "ts", ttl: .forever)
            table.indexes.append(fresh)
            #expect(try store.backfill(index: fresh, table: table, tableID: 7) == 10)
            #expect(memtableEntries() - before == 10)
            // An entry a killed build of "by_amount" left behind (not a row's entry) goes.
            let leftover = IndexKey.indexPrefix(tableID: 7, indexName: "by_amount") + [0x01, 0x02]
            try store.database.put(leftover, [0x00])
            before = memtableEntries()
            let rebuilt = IndexDef(name: "by_amount", keyColumns: ["user"], tsColumn: "ts", ttl: .forever)
            table.indexes.append(rebuilt)
            #expect(try store.backfill(index: rebuilt, table: table, tableID: 7) == 10)
            #expect(memtableEntries() - before == 11)
            #expect(try store.database.get(leftover) == nil)
            #expect(try Self.keys(store, IndexKey.indexPrefix(tableID: 7, indexName: "by_amount")) == 10)
            let rows = try store.rows(
                table: table, index: "by_tag", key: [.string("t")], from: nil, to: nil, limit: nil)
            #expect(rows.count == 10)
        }
    }

    @Test("sweep deletes expired entries, and the rows no index keeps")
    func sweep() throws {
        try withScratchDirectory { dir in
            let clock = ManualClock(1_000_000)
            let store = try openOnlineStore(dir + "/db", clock: clock)
            let table = eventsTable(ttl: TTL(kind: .latest, latestCount: 2))
            try store.insert((0..<15).map { event("u\($0 % 3)", Double($0), Int64($0)) }, into: table, tableID: 7)
            let before = try Self.drain(store.source(for: table, tableID: 7))
            #expect(try store.sweep(table: table, tableID: 7) == 9)
            #expect(try Self.keys(store, IndexKey.tablePrefix(tableID: 7)) == 6)
            #expect(try Self.keys(store, OnlineKeySpace.rowLogPrefix(tableID: 7)) == 6)
            #expect(try Self.drain(store.source(for: table, tableID: 7)) == before)
            #expect(try store.sweep(table: table, tableID: 7) == 0)
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("u1")], from: nil, to: nil, limit: nil)
            #expect(rows.map { $0.values[1] } == [.double(13), .double(10)])
        }
    }

    @Test("sweep keeps rows another index still holds, and follows the clock")
    func sweepPerIndex() throws {
        try withScratchDirectory { dir in
            let clock = ManualClock(1_000_000)
            let store = try openOnlineStore(dir + "/db", clock: clock)
            let table = eventsTable(
                ttl: TTL(kind: .absolute, absoluteMs: 60_000),
                extraIndexes: [IndexDef(name: "forever", keyColumns: ["tag"], tsColumn: "ts")])
            try store.insert(
                [event("a", 1, 900_000), event("a", 2, 950_000), event("a", 3, 999_000)], into: table, tableID: 7)
            #expect(try store.sweep(table: table, tableID: 7) == 1)
            clock.set(1_010_000)
            #expect(try store.sweep(table: table, tableID: 7) == 1)
            #expect(try Self.keys(store, OnlineKeySpace.rowLogPrefix(tableID: 7)) == 3)
            #expect(try Self.keys(store, IndexKey.indexPrefix(tableID: 7, indexName: "forever")) == 3)
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("a")], from: nil, to: nil, limit: nil)
            #expect(rows.map(\.seq) == [3])
        }
    }
}
