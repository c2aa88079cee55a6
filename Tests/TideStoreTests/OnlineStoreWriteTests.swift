import Dispatch
import Synchronization
import Testing
import TideCore

@testable import TideStore

@Suite("OnlineStore: atomicity and reopening")
struct OnlineStoreWriteTests {
    @Test("a multi-row insert is all or nothing, also for a concurrent reader")
    func atomicBatches() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let batchSize = 50
            let rounds = 40
            let seen = Mutex<[Int]>([])
            DispatchQueue.concurrentPerform(iterations: 2) { worker in
                if worker == 0 {
                    for round in 0..<rounds {
                        let rows = (0..<batchSize).map { event("u", Double(round), Int64(round * batchSize + $0)) }
                        _ = try? store.insert(rows, into: table, tableID: 7)
                    }
                } else {
                    for _ in 0..<300 {
                        let rows = try? store.rows(
                            table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
                        seen.withLock { $0.append(rows?.count ?? -1) }
                    }
                }
            }
            for count in seen.withLock({ $0 }) { #expect(count >= 0 && count % batchSize == 0, "saw \(count) rows") }
            let all = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(all.count == batchSize * rounds)
        }
    }

    @Test("a failing row anywhere in the batch leaves the store unchanged")
    func failedBatch() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            var table = eventsTable()
            table.columns[3].notNull = true
            try store.insert([event("u", 1, 1, "ok")], into: table, tableID: 7)
            #expect(throws: TideError.self) {
                try store.insert(
                    [event("u", 2, 2, "ok"), [.string("u"), .double(3), .timestamp(3), .null]], into: table, tableID: 7)
            }
            #expect(throws: TideError.self) {
                try store.insert(
                    [event("u", 2, 2, "ok"), [.string("u"), .double(3), .null, .string("x")]], into: table, tableID: 7)
            }
            #expect(try store.lastSeq(tableID: 7) == 1)
            #expect(try store.database.scan(prefix: OnlineKeySpace.rowLogPrefix(tableID: 7)).count == 1)
            #expect(try store.insert([event("u", 4, 4, "ok")], into: table, tableID: 7) == [2])
        }
    }

    @Test("INSERT OR IGNORE skips rows already stored under the first index, and repeats within the batch")
    func insertOrIgnore() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            #expect(try store.insert([event("u", 1, 10, "a")], into: table, tableID: 7) == [1])
            let seqs = try store.insert(
                [event("u", 1, 10, "a"), event("u", 1, 10, "b"), event("u", 1, 10, "b"), event("v", 1, 10, "a")],
                into: table, tableID: 7, ignoringDuplicates: true)
            // The stored duplicate and the repeated "b" are skipped; a different value or key is new.
            #expect(seqs == [2, 3])
            let stored = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(stored.count == 2)
            // Without the flag, duplicates are stored as usual.
            #expect(try store.insert([event("u", 1, 10, "a")], into: table, tableID: 7) == [4])
        }
    }

    @Test("rows and the sequence survive closing and reopening")
    func reopen() throws {
        try withScratchDirectory { dir in
            let table = eventsTable()
            do {
                let store = try openOnlineStore(dir + "/db")
                #expect(try store.insert([event("u", 1, 10), event("u", 2, 20)], into: table, tableID: 7) == [1, 2])
                #expect(try store.insert([event("w", 3, 30)], into: table, tableID: 9) == [1])
            }
            let store = try openOnlineStore(dir + "/db")
            #expect(try store.lastSeq(tableID: 7) == 2)
            #expect(try store.insert([event("u", 4, 5)], into: table, tableID: 7) == [3])
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(rows.map(\.seq) == [2, 1, 3])
            #expect(try store.insert([event("w", 5, 50)], into: table, tableID: 9) == [2])
        }
    }
}
