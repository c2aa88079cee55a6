import Testing
import TideCore
import TideTestSupport

@testable import TideStore

/// A batch's index entries reach RocksDB in the byte order of their final keys, whatever the
/// keys look like: keys that are prefixes of each other, keys equal in their first 8 bytes
/// after the shared prefix, ties on key and TS, two indexes of different key types.
@Suite("PreparedOnlineBatch: entry order")
struct PreparedOnlineBatchOrderTests {
    /// The final key of every entry in the batch's order, with seq = the row's place + 1.
    private func finalKeys(_ batch: PreparedOnlineBatch) -> [[UInt8]] {
        batch.entryOrder.map { reference in
            var key = batch.keyPrefix(reference)
            IndexKey.appendSuffix(ts: batch.entry(reference).ts, seq: UInt64(reference.row) + 1, to: &key)
            return key
        }
    }

    @Test("random batches come out in strictly increasing byte order, every entry once", arguments: [1, 2, 3, 4, 5])
    func randomBatches(seed: UInt64) throws {
        var random = SeededGenerator(seed: seed)
        let table = eventsTable(extraIndexes: [IndexDef(name: "by_amount", keyColumns: ["amount"], tsColumn: "ts")])
        let encoder = try OnlineRowEncoder(table: table, tableID: 7)
        // Users share long prefixes ("user_aaaaaaaa…") and are prefixes of each other.
        let users =
            (0..<40).map { i in String(repeating: "user_aaaaaaaaaa", count: 1 + i % 3) + String(i % 7) }
            + ["", "u", "u1", "u10", "u100"]
        var batch = encoder.makeBatch()
        for _ in 0..<500 {
            try encoder.append(
                event(
                    users[Int(random.next() % UInt64(users.count))], Double(random.next() % 5),
                    Int64(random.next() % 20)),
                to: &batch)
        }
        batch.putEntriesInKeyOrder()
        let keys = finalKeys(batch)
        #expect(keys.count == batch.count * 2)
        #expect(Set(batch.entryOrder.map { [Int($0.row), Int($0.entry)] }).count == keys.count)
        for (a, b) in zip(keys, keys.dropFirst()) {
            #expect(a.lexicographicallyPrecedes(b), "out of order: \(a) before \(b)")
        }
    }

    @Test("a small batch keeps its rows' order")
    func smallBatch() throws {
        let encoder = try OnlineRowEncoder(table: eventsTable(), tableID: 7)
        var batch = encoder.makeBatch()
        for user in ["b", "a"] { try encoder.append(event(user, 1, 1), to: &batch) }
        batch.putEntriesInKeyOrder()
        #expect(batch.entryOrder.map(\.row) == [0, 1])
    }
}
