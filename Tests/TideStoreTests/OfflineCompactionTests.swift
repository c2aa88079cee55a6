import Foundation
import Testing
import TideCore

@testable import TideStore

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

    private func rows(_ ids: Range<Int>) -> [[Value]] { ids.map { [.int64(Int64($0)), .string("n\($0)")] } }

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

    @Test("a snapshot's parts, read in any order, hold its rows in order; a merged-away part reads as gone")
    func partsOfASnapshot() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            for i in 0..<15 { try append(store, (i * 3)..<(i * 3 + 3)) }
            let snapshot = try store.source(for: table)
            let parts = try #require(snapshot.parts(columns: [1]))
            #expect(parts.count == 15)
            // Read back to front: each part stands alone.
            var pieces = try parts.reversed().map { part -> [[Value]] in
                let batch = try #require(try part.read())
                #expect(batch.count == part.rowCount)
                return (0..<batch.count).map(batch.row)
            }
            pieces.reverse()
            #expect(pieces.flatMap { $0 } == (0..<45).map { [.string("n\($0)")] })
            // The 16th small segment triggers a merge that removes the parts' files.
            try append(store, 45..<46)
            #expect(try segmentFiles(store).count < 15)
            let gone = try parts[0].read()
            #expect(gone == nil)
            // The snapshot's own scan follows the merge.
            #expect(try readSource(snapshot) == rows(0..<45))
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

    @Test("with a compactor, merges run in the background and no write ever waits or fails for one")
    func backgroundMerges() throws {
        try withScratchDirectory { dir in
            let compactor = OfflineCompactor()
            let store = OfflineStore(root: dir, segmentRowLimit: 64, compactor: compactor)
            var next = 0
            for i in 0..<300 {
                let count = 1 + i % 3
                try append(store, next..<(next + count))
                next += count
            }
            compactor.waitUntilIdle()
            #expect(compactor.failure == nil)
            #expect(compactor.mergeCount > 0)
            #expect(try segmentFiles(store).count < 60)
            let back = try readSource(try store.source(for: table), batchSize: 7)
            #expect(back == (0..<next).map { [.int64(Int64($0)), .string("n\($0)")] })
            let names = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
            #expect(!names.contains { $0.hasSuffix(OfflineCompaction.inProgressSuffix) })
        }
    }

    @Test("a merge runs while a writer holds the table, and the writer commits on top of it")
    func mergeBesideAWriter() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            for i in 0..<15 { try append(store, (i * 2)..<(i * 2 + 2)) }
            let writer = try store.writer(for: table, mode: .append)
            try writer.append(ColumnBatch(rows: [[.int64(30), .string("n30")]], width: 2))
            // One more small segment's worth is needed to reach the trigger: a 16th file the
            // writer's own commit would add; merge what is there with a lower trigger instead.
            let compaction = OfflineCompaction(segmentRowLimit: 64, trigger: 15)
            #expect(try compaction.run(table: table, directory: store.directory(for: table)))
            #expect(try segmentFiles(store).count == 1)
            try writer.commit()
            let back = try readSource(try store.source(for: table))
            #expect(back == (0..<31).map { [.int64(Int64($0)), .string("n\($0)")] })
        }
    }

    @Test("writes committed while a merge runs: an append lands after it, an overwrite replaces it")
    func writesDuringAMerge() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            // 14 small segments: below the store's own trigger (16) even with the write below.
            for i in 0..<14 { try append(store, (i * 2)..<(i * 2 + 2)) }
            let compaction = OfflineCompaction(segmentRowLimit: 64, trigger: 14)
            let directory = store.directory(for: table)
            // An append between the merge's plan and its swap: both land.
            #expect(try compaction.run(table: table, directory: directory) { try append(store, 28..<30) })
            #expect(try readSource(try store.source(for: table)) == rows(0..<30))
            #expect(try segmentFiles(store).count == 2)

            for i in 15..<29 { try append(store, (i * 2)..<(i * 2 + 2)) }
            // An overwrite there: the merge finds its segments gone and swaps nothing in.
            let merged = try compaction.run(table: table, directory: directory) {
                let writer = try store.writer(for: table, mode: .overwrite)
                try writer.append(ColumnBatch(rows: rows(7..<8), width: 2))
                try writer.commit()
            }
            #expect(!merged)
            #expect(try readSource(try store.source(for: table)) == rows(7..<8))
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
            #expect(
                names.filter { $0.hasSuffix(".tideoff") || $0.hasSuffix(OfflineCompaction.inProgressSuffix) }.count == 1
            )
        }
    }

    @Test("a merge's unfinished file survives a writer's orphan sweep and is removed at open")
    func unfinishedMergeFiles() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            try append(store, 0..<2)
            let directory = store.directory(for: table)
            let unfinished = directory + "/seg-x.tideoff" + OfflineCompaction.inProgressSuffix
            try Data("half a merge".utf8).write(to: URL(fileURLWithPath: unfinished))
            try append(store, 2..<4)
            #expect(FileManager.default.fileExists(atPath: unfinished), "a running merge's file is not an orphan")
            #expect(try store.removeOrphans(table) == 1)
            #expect(!FileManager.default.fileExists(atPath: unfinished))
            #expect(try readSource(try store.source(for: table)) == rows(0..<4))
        }
    }
}
