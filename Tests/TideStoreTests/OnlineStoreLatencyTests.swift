import Foundation
import Testing
import TideCore
import TideStore

@Suite("OnlineStore: read latency (printed, not asserted)")
struct OnlineStoreLatencyTests {
    @Test("reading 1000 rows of one key")
    func thousandRows() throws {
        try withScratchDirectory { dir in
            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable(ttl: TTL(kind: .absOrLat, absoluteMs: 0, latestCount: 1000))
            for chunk in 0..<10 {
                let rows = (0..<1000).map { i in
                    event("user_\(i % 10)", Double(i), Int64(chunk * 1000 + i), "some tag text \(i)")
                }
                try store.insert(rows, into: table, tableID: 7)
            }
            try store.insert(
                (0..<1000).map { event("hot", Double($0), Int64($0), "tag \($0)") }, into: table, tableID: 7)
            var samples: [Double] = []
            for _ in 0..<200 {
                let start = ContinuousClock.now
                let rows = try store.rows(
                    table: table, index: "by_user", key: [.string("hot")], from: nil, to: nil, limit: nil)
                let elapsed = ContinuousClock.now - start
                #expect(rows.count == 1000)
                samples.append(Double(elapsed.components.attoseconds) / 1e12 + Double(elapsed.components.seconds) * 1e6)
            }
            samples.sort()
            let median = samples[samples.count / 2]
            let p90 = samples[samples.count * 9 / 10]
            print("OnlineStore.rows, 1000 rows of one key: median \(Int(median)) µs, p90 \(Int(p90)) µs")
        }
    }
}
