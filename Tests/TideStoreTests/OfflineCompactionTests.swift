import Foundation
import Testing
import TideCore
import TideStore

/// Small offline writes (one segment each) are merged once enough accumulate: rows, order
/// and seqs stay as written, and a scan that started before a merge reads on through it.
@Suite("Offline compaction")
struct OfflineCompactionTests {
    let table = makeTable([("id", .int64), ("name", .string)])

    private func append(_ store: OfflineStore, _ ids: Range<Int>) throws {
        let writer = try store.writer(for: table, mode: .append)
        try writer.append(
            ColumnBatch(rows: ids.map { [.int64(Int64($0)), .string("n\($0)")] }, width: table.columns.count))
        try writer.commit()
    }

    private func segmentFiles(_ store: OfflineStore) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
            .filter { $0.hasSuffix(".tideoff") }
    }

    @Test("200 small appends leave a bounded number of segments and every row in order")
    func smallAppendsAreMerged() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            var next = 0
            for i in 0..<200 {
                let count = 1 + i % 3
                try append(store, next..<(next + count))
                next += count
                // At most the trigger's worth of small segments, plus merged ones that each hold
                // at least a quarter of the row limit (16 rows here).
                #expect(try segmentFiles(store).count <= 16 + next / 16 + 1)
            }
            #expect(try segmentFiles(store).count < 60)
            let back = try readSource(try store.source(for: table), batchSize: 7)
            #expect(back == (0..<next).map { [.int64(Int64($0)), .string("n\($0)")] })
            #expect(try store.rowCount(table) == Int64(next))
            // Reopened: the same rows, and new rows continue the seqs.
            let reopened = OfflineStore(root: dir, segmentRowLimit: 64)
            try append(reopened, next..<(next + 5))
            #expect(try readSource(try reopened.source(for: table)).count == next + 5)
        }
    }

    @Test("a scan that began before a merge reads the rows of its snapshot")
    func scanAcrossAMerge() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            for i in 0..<15 { try append(store, (i * 2)..<(i * 2 + 2)) }
            let snapshot = try store.source(for: table)
            var iterator = try snapshot.scan(batchSize: 3)
            var seen: [[Value]] = []
            for _ in 0..<3 {
                if let batch = try iterator.next() { for r in 0..<batch.count { seen.append(batch.row(r)) } }
            }
            // The 16th small segment triggers a merge that removes the files the scan still needs.
            try append(store, 30..<32)
            try append(store, 32..<34)
            #expect(try segmentFiles(store).count < 15)
            while let batch = try iterator.next() { for r in 0..<batch.count { seen.append(batch.row(r)) } }
            #expect(seen == (0..<30).map { [.int64(Int64($0)), .string("n\($0)")] })
        }
    }
}
