import Testing
import TideCore

@testable import TideStore

@Suite("OnlineStore: Kafka positions written with their rows")
struct OnlineStorePositionTests {
    @Test("rows and positions land together; positions of other connectors stay apart")
    func together() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let encoder = try OnlineRowEncoder(table: table, tableID: 7)
            let rows = try preparedBatch(encoder, [event("u", 1, 10), event("u", 2, 20)])
            let seqs = try store.insert(
                rows, tableID: 7, also: OnlineStore.positionEntries(connectorID: 40, [0: 5, 2: 9]))
            #expect(seqs == [1, 2])
            try store.storePositions(connectorID: 41, [0: 100])
            #expect(try store.positions(connectorID: 40) == [0: 5, 2: 9])
            #expect(try store.positions(connectorID: 41) == [0: 100])
            let stored = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(stored.count == 2)
            // Later batches move the positions on; a batch with no rows may still move them.
            try store.insert(
                encoder.makeBatch(), tableID: 7, also: OnlineStore.positionEntries(connectorID: 40, [0: 6]))
            #expect(try store.positions(connectorID: 40) == [0: 6, 2: 9])
            try store.deletePositions(connectorID: 40)
            #expect(try store.positions(connectorID: 40).isEmpty)
            #expect(try store.positions(connectorID: 41) == [0: 100])
        }
    }

    @Test("a bad row is refused when encoded, before anything is written")
    func encodingRefuses() throws {
        try withScratchDirectory { dir in
            _ = try openOnlineStore(dir + "/db")
            let encoder = try OnlineRowEncoder(table: eventsTable(), tableID: 7)
            var batch = encoder.makeBatch()
            let error = #expect(throws: TideError.self) {
                try encoder.append([.string("u"), .double(1), .null, .string("")], to: &batch)
            }
            #expect(batch.isEmpty)
            #expect(error?.code.rawValue == "23502")
        }
    }
}
