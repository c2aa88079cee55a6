import Foundation
import Testing
import TideCore
import TideDB

/// A damaged write-ahead log is an error naming the way out, never a silent loss; a write cut
/// short at the very end of the log (a crash mid-write) is dropped quietly; `tide repair`
/// keeps what is readable and says what was lost.
@Suite struct DamagedDataTests {
    /// A data directory whose log holds a table and `count` single-row INSERTs (still open, so
    /// nothing was flushed to table files), copied to `copy` as a crash would leave it.
    private func crashedCopy(_ scratch: ScratchSession, count: Int, to copy: String) throws -> String {
        for id in 0..<count {
            _ = try scratch.session.execute("INSERT INTO t VALUES (\(id), 'k\(id % 3)', \(1000 + id))")
        }
        try FileManager.default.copyItem(atPath: scratch.directory + "/data", toPath: copy)
        let rocks = copy + "/rocksdb"
        let log = try #require(
            try FileManager.default.contentsOfDirectory(atPath: rocks).first { $0.hasSuffix(".log") })
        return rocks + "/" + log
    }

    @Test func aFlippedByteInTheLogRefusesToOpenAndRepairSaysWhatWasLost() throws {
        let scratch = try ScratchSession(["CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))"])
        defer { scratch.remove() }
        let copy = scratch.directory + "/copy"
        let log = try crashedCopy(scratch, count: 40, to: copy)
        var bytes = try Data(contentsOf: URL(fileURLWithPath: log))
        let middle = bytes.count * 3 / 4
        bytes[middle] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: log))

        let error = #expect(throws: TideError.self) { _ = try Database(directory: copy) }
        #expect(error?.code == .dataCorrupted)
        #expect(error?.message.contains("damaged") == true)
        #expect(error?.hint?.contains("tide repair --data \(copy)") == true)

        let report = try DataDirectoryRepair.run(directory: copy)
        #expect(report.contains { $0.hasPrefix("lost: ") && $0.contains(".log") }, "\(report)")
        let rows = try #require(report.last { $0.hasPrefix("d.t: ") })
        let kept = try #require(Int(rows.dropFirst("d.t: ".count).prefix { $0.isNumber }))
        #expect(kept < 40)
        let session = try Database(directory: copy).session()
        let stored = try session.execute("SELECT count(*) FROM d.t").rows
        #expect(stored == [[.int64(Int64(kept))]])
    }

    @Test func aWriteCutShortAtTheEndOfTheLogIsDroppedQuietly() throws {
        let scratch = try ScratchSession(["CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))"])
        defer { scratch.remove() }
        let copy = scratch.directory + "/copy"
        let log = try crashedCopy(scratch, count: 10, to: copy)
        let handle = try FileHandle(forUpdating: URL(fileURLWithPath: log))
        let size = try handle.seekToEnd()
        try handle.truncate(atOffset: size - 5)
        try handle.close()
        let session = try Database(directory: copy).session()
        #expect(try session.execute("SELECT count(*) FROM d.t").rows == [[.int64(9)]])
    }
}
