import Testing
import TideCore
import TideStore

@Suite("OnlineStore: insert and index reads")
struct OnlineStoreReadTests {
    @Test("rows come back newest first, bounded by from, to and limit")
    func newestFirst() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let seqs = try store.insert(
                [event("a", 1, 100), event("a", 2, 300), event("b", 9, 200), event("a", 3, 200), event("a1", 4, 250)],
                into: table, tableID: 7)
            #expect(seqs == [1, 2, 3, 4, 5])
            func amounts(_ from: Int64?, _ to: Int64?, _ limit: Int?) throws -> [Value] {
                try store.rows(table: table, index: "by_user", key: [.string("a")], from: from, to: to, limit: limit)
                    .map { $0.values[1] }
            }
            #expect(try amounts(nil, nil, nil) == [.double(2), .double(3), .double(1)])
            #expect(try amounts(150, nil, nil) == [.double(2), .double(3)])
            #expect(try amounts(nil, 250, nil) == [.double(3), .double(1)])
            #expect(try amounts(200, 200, nil) == [.double(3)])
            #expect(try amounts(nil, nil, 2) == [.double(2), .double(3)])
            #expect(try amounts(nil, 99, nil) == [])
            #expect(try amounts(301, nil, nil) == [])
            #expect(try amounts(300, 100, nil) == [])
            #expect(try amounts(nil, nil, 0) == [])
            let b = try store.rows(table: table, index: "BY_USER", key: [.string("b")], from: nil, to: nil, limit: nil)
            #expect(b == [StoredRow(values: event("b", 9, 200), seq: 3)])
            #expect(
                try store.rows(table: table, index: "by_user", key: [.string("c")], from: nil, to: nil, limit: nil)
                    .isEmpty)
        }
    }

    @Test("rows with equal TS come newest insertion first (seq descending)")
    func tiesBySeq() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            try store.insert([event("u", 1, 50), event("u", 2, 50)], into: table, tableID: 7)
            try store.insert([event("u", 3, 50)], into: table, tableID: 7)
            try store.insert([event("u", 4, 60), event("u", 5, 40)], into: table, tableID: 7)
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(rows.map(\.seq) == [4, 3, 2, 1, 5])
            #expect(rows.map { $0.values[1] } == [.double(4), .double(3), .double(2), .double(1), .double(5)])
        }
    }

    @Test("an index without TS orders by insertion; a two-column key and NULL keys work")
    func noTSAndCompositeKeys() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable(extraIndexes: [
                IndexDef(name: "by_pair", keyColumns: ["user", "tag"], tsColumn: nil)
            ])
            try store.insert(
                [
                    event("u", 1, 300, "x"), event("u", 2, 100, "x"), event("u", 3, 200, "y"),
                    [.null, .double(4), .timestamp(1), .null],
                ],
                into: table, tableID: 7)
            let pair = try store.rows(
                table: table, index: "by_pair", key: [.string("u"), .string("x")], from: nil, to: nil, limit: nil)
            #expect(pair.map(\.seq) == [2, 1])
            let nulls = try store.rows(
                table: table, index: "by_pair", key: [.null, .null], from: nil, to: nil, limit: nil)
            #expect(nulls.map(\.seq) == [4])
            let byUser = try store.rows(table: table, index: "by_user", key: [.null], from: nil, to: nil, limit: nil)
            #expect(byUser.map(\.seq) == [4])
        }
    }

    @Test("bad inserts and lookups are errors, and write nothing")
    func errors() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            #expect(throws: TideError.self) {
                try store.insert([event("a", 1, 1), [.string("a"), .null, .null, .null]], into: table, tableID: 7)
            }
            #expect(throws: TideError.self) { try store.insert([[.string("a")]], into: table, tableID: 7) }
            #expect(throws: TideError.self) {
                try store.rows(table: table, index: "nope", key: [.string("a")], from: nil, to: nil, limit: nil)
            }
            #expect(throws: TideError.self) {
                try store.rows(table: table, index: "by_user", key: [], from: nil, to: nil, limit: nil)
            }
            #expect(
                try store.rows(table: table, index: "by_user", key: [.string("a")], from: nil, to: nil, limit: nil)
                    .isEmpty)
            #expect(try store.lastSeq(tableID: 7) == 0)
            let unresolved = OnlineStore(database: store.database)
            #expect(throws: TideError.self) {
                try unresolved.rows(table: table, index: "by_user", key: [.string("a")], from: nil, to: nil, limit: nil)
            }
        }
    }

    @Test("tables are separate key spaces")
    func tablesApart() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            try store.insert([event("a", 1, 1)], into: table, tableID: 1)
            try store.insert([event("a", 2, 2)], into: table, tableID: 2)
            let rows = try store.rows(
                tableID: 2, table: table, index: "by_user", key: [.string("a")], from: nil, to: nil, limit: nil)
            #expect(rows == [StoredRow(values: event("a", 2, 2), seq: 1)])
        }
    }
}
