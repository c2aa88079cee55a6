import Foundation
import Synchronization
import Testing
import TideCore

@testable import TideStore

@Suite("OnlineStore: long reads split across a helper thread")
struct OnlineStoreSplitReadTests {
    /// Each row of `columns` as (ts, seq, the wanted columns' values).
    private func rows(_ columns: IndexColumns) -> [[Value]] {
        (0..<columns.count).map { r in
            [.int64(columns.ts[r]), .int64(Int64(columns.seqs[r]))]
                + columns.wanted.indices.filter { columns.wanted[$0] }.map { columns.columns[$0].value(r) }
        }
    }

    /// A store over a new database in `dir` whose long reads may take one helper.
    private func storeWithOneHelper(_ dir: String) throws -> OnlineStore {
        OnlineStore(
            database: try RocksDatabase(path: dir + "/db"), clock: ManualClock().closure, tableIDs: { _ in 7 },
            readHelpers: ReadHelpers(count: 1))
    }

    /// What `rows(...)` reads, in the same shape.
    private func rows(_ stored: [StoredRow], wanted: [Bool]) -> [[Value]] {
        stored.map { row in
            [row.values[2].int64Value.map(Value.int64) ?? .null, .int64(Int64(row.seq))]
                + wanted.indices.filter { wanted[$0] }.map { row.values[$0] }
        }
    }

    @Test("a split read gives the rows, order and strings of one read, older rows' strings included")
    func splitEqualsWhole() throws {
        try withScratchDirectory { dir in
            let store = try storeWithOneHelper(dir)
            let table = eventsTable()
            // 2,400 rows of "u" over 2,400 s, with ties on TS (the middle included), strings
            // only the older or only the newer half has, NULLs, and another key in between.
            var batch: [[Value]] = []
            for i in 0..<2_400 {
                let ts = Int64(1_000_000 + (i / 2) * 2_000)
                let tag: Value = i % 7 == 0 ? .null : .string(i < 1_200 ? "old-\(i % 5)" : "new-\(i % 3)")
                batch.append([.string("u"), .double(Double(i)), .timestamp(ts), tag])
                if i % 10 == 0 { batch.append(event("v", -1, ts, "other")) }
            }
            try store.insert(batch, into: table, tableID: 7)
            let wanted = [false, true, true, true]
            let (from, to): (Int64, Int64) = (1_000_000, 1_000_000 + 1_200 * 2_000)
            func read(_ from: Int64, _ to: Int64) throws -> IndexColumns {
                try store.columns(
                    table: table, index: "by_user", key: [.string("u")], from: from, to: to, limit: nil, wanted: wanted)
            }
            let whole = try read(from, to)  // read whole: the index's density is not known yet
            #expect(store.splitReadCount == 0)
            let expected = rows(
                try store.rows(table: table, index: "by_user", key: [.string("u")], from: from, to: to, limit: nil),
                wanted: wanted)
            #expect(expected.count == 2_400)
            #expect(rows(whole) == expected)
            for (lower, upper) in [(from, to), (from + 2_000, to - 2_000), (from + 1_001, to - 999)] {
                let split = try read(lower, upper)
                let serial = try store.rows(
                    table: table, index: "by_user", key: [.string("u")], from: lower, to: upper, limit: nil)
                #expect(rows(split) == rows(serial, wanted: wanted))
            }
            #expect(store.splitReadCount == 3)
        }
    }

    @Test("a read splits only while fewer other reads run than there are helpers")
    func splitOnlyWhileReadsAreFew() throws {
        try withScratchDirectory { dir in
            let store = try storeWithOneHelper(dir)
            let table = eventsTable()
            let rows = (0..<1_200).map { i in event("u", Double(i), Int64(1_000_000 + i * 1_000), "t\(i % 4)") }
            try store.insert(rows, into: table, tableID: 7)
            let wanted = [false, true, true, true]
            func read() throws -> IndexColumns {
                try store.columns(
                    table: table, index: "by_user", key: [.string("u")], from: 1_000_000, to: 2_300_000, limit: nil,
                    wanted: wanted)
            }
            let whole = try read()  // the index's density is learnt
            #expect(store.splitReadCount == 0)
            #expect(try read().count == whole.count)
            #expect(store.splitReadCount == 1)
            // Another read running (as another request's would): this one is read whole.
            let alongside = try store.readHelpers.reading { maySplit in
                #expect(maySplit)
                return try read()
            }
            #expect(store.splitReadCount == 1)
            #expect(self.rows(alongside) == self.rows(whole))
            #expect(try read().count == 1_200)
            #expect(store.splitReadCount == 2)
            // Without helpers a read never splits.
            #expect(ReadHelpers(count: 0).reading { $0 } == false)
        }
    }

    @Test("a helper runs a job to its end before wait returns; none idle gives nil")
    func helpersHandOver() {
        let helpers = ReadHelpers(count: 1)
        let total = Atomic<Int>(0)
        for round in 1...200 {
            guard
                let started = helpers.start({
                    for k in 1...1_000 { total.add(k % 3 == 0 ? 1 : 0, ordering: .relaxed) }
                })
            else {
                Issue.record("the idle helper did not take the job")
                return
            }
            var busy = false
            if let other = helpers.start({}) {
                busy = true
                other.wait()
            }
            #expect(!busy)
            started.wait()
            #expect(total.load(ordering: .relaxed) == 333 * round)
        }
        var none = true
        if let started = ReadHelpers(count: 0).start({}) {
            none = false
            started.wait()
        }
        #expect(none)
    }

    @Test("TIDE_READ_HELPERS sets the number of helpers")
    func configuredCount() {
        #expect(ReadHelpers.configuredCount("0") == 0)
        #expect(ReadHelpers.configuredCount("2") == 2)
        #expect(ReadHelpers.configuredCount("-4") == 0)
        #expect(ReadHelpers.configuredCount("99") == 8)
        #expect(ReadHelpers.configuredCount(nil, cores: 1) == 0)
        #expect(ReadHelpers.configuredCount(nil, cores: 2) == 0)
        #expect(ReadHelpers.configuredCount(nil, cores: 4) == 1)
        #expect(ReadHelpers.configuredCount(nil, cores: 8) == 3)
        #expect(ReadHelpers.configuredCount(nil, cores: 64) == 3)
    }
}
