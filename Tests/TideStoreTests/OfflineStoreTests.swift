import Foundation
import Glibc
import Testing
import TideCore
import TideStore

@Suite("OfflineStore")
struct OfflineStoreTests {
    let table = makeTable([("id", .int64), ("name", .string), ("amount", .double), ("day", .date)])

    private func rows(_ range: Range<Int>) -> [[Value]] {
        range.map { i in
            [
                .int64(Int64(i)), i % 7 == 0 ? .null : .string("name-\(i) é"),
                i % 5 == 0 ? .null : .double(Double(i) / 4),
                .date(Int32(i - 500)),
            ]
        }
    }

    private func load(_ store: OfflineStore, _ rows: [[Value]], mode: OfflineWriteMode, batch: Int = 100) throws {
        let writer = try store.writer(for: table, mode: mode)
        var start = 0
        while start < rows.count {
            let end = min(rows.count, start + batch)
            try writer.append(ColumnBatch(rows: Array(rows[start..<end]), width: table.columns.count))
            start = end
        }
        try writer.commit()
    }

    @Test("append then commit makes rows visible in order, across several segments and loads")
    func appendCommit() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 64)
            try load(store, rows(0..<300), mode: .append, batch: 47)
            try load(store, rows(300..<333), mode: .append)
            try load(store, rows(333..<400), mode: .append, batch: 7)
            #expect(try store.rowCount(table) == 400)
            let back = try readSource(try store.source(for: table), batchSize: 50)
            #expect(back == rows(0..<400))
            let segments = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
                .filter { $0.hasSuffix(".tideoff") }.sorted()
            #expect(segments.count == 5 + 1 + 2)
            #expect(segments.first?.hasPrefix("seg-00000000000000000000-") == true)
        }
    }

    @Test("nothing is visible before commit, and abort deletes the written segments")
    func abortLeavesNothing() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 10)
            try load(store, rows(0..<5), mode: .append)
            let writer = try store.writer(for: table, mode: .append)
            try writer.append(ColumnBatch(rows: rows(5..<50), width: 4))
            #expect(try store.rowCount(table) == 5)
            #expect(try readSource(try store.source(for: table)) == rows(0..<5))
            writer.abort()
            let files = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
            #expect(files.filter { $0.hasSuffix(".tideoff") }.count == 1)
            try load(store, rows(5..<8), mode: .append)
            #expect(try readSource(try store.source(for: table)) == rows(0..<8))
        }
    }

    @Test("a writer dropped without commit changes nothing; a bad batch fails the load")
    func failedLoad() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 4)
            do {
                let writer = try store.writer(for: table, mode: .overwrite)
                try writer.append(ColumnBatch(rows: rows(0..<9), width: 4))
                let bad = ColumnBatch(rows: [[.string("x"), .null, .null, .null]], width: 4)
                #expect(tideError { try writer.append(bad) }?.code == .datatypeMismatch)
            }
            #expect(try store.rowCount(table) == 0)
            let files = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
            #expect(files.filter { $0.hasSuffix(".tideoff") }.isEmpty)
        }
    }

    @Test("overwrite replaces the rows; error_if_exists fails on a table with rows")
    func overwriteAndErrorIfExists() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir, segmentRowLimit: 16)
            try load(store, rows(0..<40), mode: .errorIfExists)
            #expect(tideError { _ = try store.writer(for: table, mode: .errorIfExists) }?.code == .duplicateTable)
            try load(store, rows(100..<110), mode: .overwrite)
            #expect(try readSource(try store.source(for: table)) == rows(100..<110))
            let files = try FileManager.default.contentsOfDirectory(atPath: store.directory(for: table))
            #expect(files.filter { $0.hasSuffix(".tideoff") }.count == 1)
        }
    }

    @Test("one writer at a time per table")
    func exclusiveWriter() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            let first = try store.writer(for: table, mode: .append)
            #expect(tideError { _ = try store.writer(for: table, mode: .append) }?.code == "55006")
            try first.commit()
            try store.writer(for: table, mode: .append).commit()
        }
    }

    /// A process started while a writer holds the table's lock must not inherit the lock: the
    /// descriptor is close-on-exec, so the table is free once the writer commits. (Foundation's
    /// `Process` closes the descriptors it saw open, but one another thread opens meanwhile
    /// reaches the child; plain `posix_spawn`, used here, passes every descriptor on. Without
    /// close-on-exec the child kept the `flock` and the next writer got 55006 until it exited.)
    @Test("a child process started during a write does not keep the table locked")
    func lockNotInheritedByChildren() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            let first = try store.writer(for: table, mode: .append)
            var pid = pid_t()
            let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sleep"), strdup("5"), nil]
            defer { argv.forEach { free($0) } }
            try #require(posix_spawn(&pid, "/bin/sleep", nil, nil, argv, environ) == 0)
            defer {
                kill(pid, SIGKILL)
                var status: Int32 = 0
                waitpid(pid, &status, 0)
            }
            try first.commit()
            try store.writer(for: table, mode: .append).commit()
        }
    }

    @Test("a store reopened from disk reads the same rows; seqs continue")
    func reopen() throws {
        try withScratchDirectory { dir in
            try load(OfflineStore(root: dir, segmentRowLimit: 30), rows(0..<100), mode: .append)
            let reopened = OfflineStore(root: dir, segmentRowLimit: 30)
            #expect(try reopened.rowCount(table) == 100)
            #expect(try readSource(try reopened.source(for: table), batchSize: 33) == rows(0..<100))
            try load(reopened, rows(100..<120), mode: .append)
            let manifest = try String(contentsOfFile: reopened.directory(for: table) + "/MANIFEST", encoding: .utf8)
            #expect(manifest.contains("\"nextSeq\" : 120"))
        }
    }

    @Test("truncate empties the table and drop deletes its directory")
    func truncateAndDrop() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            try load(store, rows(0..<10), mode: .append)
            try store.truncate(table)
            #expect(try store.rowCount(table) == 0)
            #expect(try readSource(try store.source(for: table)).isEmpty)
            try load(store, rows(0..<3), mode: .append)
            #expect(try store.rowCount(table) == 3)
            try store.drop(table)
            #expect(!FileManager.default.fileExists(atPath: store.directory(for: table)))
            #expect(try store.rowCount(table) == 0)
        }
    }

    @Test("a damaged segment is XX001; data of another schema is 42804")
    func corruption() throws {
        try withScratchDirectory { dir in
            let store = OfflineStore(root: dir)
            try load(store, rows(0..<100), mode: .append)
            let directory = store.directory(for: table)
            let segment = try #require(
                try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".tideoff") })
            let url = URL(fileURLWithPath: directory + "/" + segment)
            let original = try Data(contentsOf: url)
            var flipped = original
            flipped[200] ^= 0x01
            try flipped.write(to: url)
            #expect(tideError { _ = try readSource(try store.source(for: table)) }?.code == .dataCorrupted)
            try original.prefix(original.count - 3).write(to: url)
            #expect(tideError { _ = try readSource(try store.source(for: table)) }?.code == .dataCorrupted)
            try original.write(to: url)
            #expect(try readSource(try store.source(for: table)).count == 100)

            var changed = table
            changed.columns[2].type = .float
            #expect(tideError { _ = try store.source(for: changed) }?.code == .datatypeMismatch)
            #expect(tideError { _ = try store.writer(for: changed, mode: .append) }?.code == .datatypeMismatch)

            try Data("{".utf8).write(to: URL(fileURLWithPath: directory + "/MANIFEST"))
            #expect(tideError { _ = try store.rowCount(table) }?.code == .dataCorrupted)
        }
    }

    @Test("names are escaped into safe directory names")
    func directoryNames() {
        let store = OfflineStore(root: "/r")
        let odd = TableDef(database: "../x", name: "a/b c", columns: [])
        #expect(store.directory(for: odd) == "/r/%2E%2E%2Fx/a%2Fb%20c")
    }
}
