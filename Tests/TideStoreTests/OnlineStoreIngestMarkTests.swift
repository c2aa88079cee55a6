import Testing
import TideCore

@testable import TideStore

/// The seq ranges a Kafka source stored are marked in the same write as the rows, so a sink
/// can tell a source's events from rows that INSERT or LOAD DATA stored in between.
@Suite("OnlineStore: ingest marks")
struct OnlineStoreIngestMarkTests {
    @Test("marked batches, and only they, come back as ingested ranges; DROP removes them")
    func ingestedRanges() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let encoder = try OnlineRowEncoder(table: table, tableID: 7)
            func batch(_ range: Range<Int>) throws -> PreparedOnlineBatch {
                try preparedBatch(encoder, range.map { event("u", 1, Int64($0)) })
            }
            try store.insert(try batch(0..<3), tableID: 7, markIngested: true)  // seqs 1-3
            try store.insert(try batch(3..<5), tableID: 7)  // 4-5: INSERT
            try store.insert(try batch(5..<9), tableID: 7, markIngested: true)  // 6-9
            _ = try store.insert([event("u", 1, 9)], into: table, tableID: 7)  // 10: INSERT
            try store.insert(try batch(10..<11), tableID: 7, markIngested: true)  // 11

            #expect(try store.ingestedRanges(tableID: 7, within: 1...11) == [1...3, 6...9, 11...11])
            #expect(try store.ingestedRanges(tableID: 7, within: 2...7) == [2...3, 6...7])
            #expect(try store.ingestedRanges(tableID: 7, within: 4...5) == [])
            #expect(try store.ingestedRanges(tableID: 7, within: 10...20) == [11...11])
            try store.drop(tableID: 7)
            #expect(try store.ingestedRanges(tableID: 7, within: 1...11) == [])
        }
    }
}
