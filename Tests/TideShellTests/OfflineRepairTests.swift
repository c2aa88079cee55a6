import Foundation
import Testing
import TideCore
import TideDB
import TideStore

/// Damaged offline files: reading them is XX001 naming `tide repair`, the rest of the data
/// directory still opens, and `tide repair` keeps every readable segment, rebuilds a damaged or
/// lost manifest, sets damaged files aside and says how many rows were lost.
@Suite struct OfflineRepairTests {
    /// A data directory (copied from a live one) whose table `d.t` has one offline segment per
    /// INSERT statement, `rowsPerInsert` rows each, ids counting from 0.
    private func offlineCopy(_ inserts: Int, rowsPerInsert: Int = 5, beforeLast: ((String) throws -> Void)? = nil)
        throws -> (scratch: ScratchSession, copy: String)
    {
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))", "SET @@execute_mode = 'offline'",
        ])
        for n in 0..<inserts {
            if n == inserts - 1 { try beforeLast?(tableFolder(scratch.directory + "/data")) }
            let values = (0..<rowsPerInsert).map { r in
                let id = n * rowsPerInsert + r
                return "(\(id), 'k\(id % 3)', \(1000 + id))"
            }
            _ = try scratch.session.execute("INSERT INTO t VALUES " + values.joined(separator: ", "))
        }
        // Merges run in the background after the 16th small segment: copy once they are done.
        let data = scratch.directory + "/data"
        for _ in 0..<1_000 {
            let names = try FileManager.default.contentsOfDirectory(atPath: tableFolder(data))
            if try segments(data).count < 16 && !names.contains(where: { $0.hasSuffix(".merging") }) { break }
            usleep(10_000)
        }
        let copy = scratch.directory + "/copy"
        // A later merge may still remove a segment while the directory is copied: copy again.
        for attempt in 0..<50 {
            do {
                try FileManager.default.copyItem(atPath: data, toPath: copy)
                break
            } catch  where attempt < 49 {
                try? FileManager.default.removeItem(atPath: copy)
                usleep(20_000)
            }
        }
        return (scratch, copy)
    }

    private func tableFolder(_ data: String) -> String { data + "/offline/d/t" }

    private func segments(_ data: String) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: tableFolder(data)).filter { $0.hasSuffix(".tideoff") }
            .sorted()
    }

    private func offlineRows(_ data: String) throws -> [[Value]] {
        let session = try Database(directory: data).session()
        for sql in ["USE d", "SET @@execute_mode = 'offline'"] { _ = try session.execute(sql) }
        return try session.execute("SELECT id FROM t ORDER BY id").rows
    }

    private func ids(_ range: Range<Int>) -> [[Value]] { range.map { [.int32(Int32($0))] } }

    private func offlineError(_ data: String) throws -> TideError? {
        let session = try Database(directory: data).session()
        for sql in ["USE d", "SET @@execute_mode = 'offline'"] { _ = try session.execute(sql) }
        return #expect(throws: TideError.self) { _ = try session.execute("SELECT count(*) FROM t") }
    }

    @Test func aDamagedSegmentIsSetAsideAndItsRowsReported() throws {
        let (scratch, copy) = try offlineCopy(3)
        defer { scratch.remove() }
        let middle = try segments(copy)[1]
        let path = tableFolder(copy) + "/" + middle
        var bytes = try Data(contentsOf: URL(fileURLWithPath: path))
        bytes[bytes.count / 2] ^= 0xFF
        try bytes.write(to: URL(fileURLWithPath: path))

        let error = try offlineError(copy)
        #expect(error?.code == .dataCorrupted)
        #expect(error?.message.contains(middle) == true)
        #expect(error?.hint?.contains("tide repair") == true)

        let report = try DataDirectoryRepair.run(directory: copy)
        #expect(report.contains("lost: 5 offline rows of d.t in \(middle) (\(error?.message ?? ""))"), "\(report)")
        #expect(report.contains("d.t: 0 online rows, 10 offline rows"), "\(report)")
        #expect(try offlineRows(copy) == ids(0..<5) + ids(10..<15))
        #expect(FileManager.default.fileExists(atPath: tableFolder(copy) + "/damaged/" + middle))
        // Repaired is healthy: a second repair finds nothing, and writes go on.
        #expect(try DataDirectoryRepair.run(directory: copy).first == "no damage found")
    }

    @Test func aDamagedManifestIsRebuiltAndTheRestOfTheDirectoryStillOpens() throws {
        let (scratch, copy) = try offlineCopy(4)
        defer { scratch.remove() }
        try Data("{ not a manifest".utf8).write(to: URL(fileURLWithPath: tableFolder(copy) + "/MANIFEST"))

        // Online reads are unaffected; offline reads say what is wrong and what to do.
        do {
            let session = try Database(directory: copy).session()
            #expect(try session.execute("SELECT count(*) FROM d.t").rows == [[.int64(0)]])
        }
        let error = try offlineError(copy)
        #expect(error?.code == .dataCorrupted)
        #expect(error?.message.contains("MANIFEST") == true)
        // Opening did not take the unlisted segments for orphans.
        #expect(try segments(copy).count == 4)

        let report = try DataDirectoryRepair.run(directory: copy)
        let rebuilt = "d.t: manifest rebuilt from 4 segment files, 20 offline rows"
        #expect(report.contains { $0.hasPrefix(rebuilt) }, "\(report)")
        #expect(try offlineRows(copy) == ids(0..<20))
        // Seqs go on after the rebuilt ones: a new row comes last in scan order.
        let again = try Database(directory: copy).session()
        for sql in ["USE d", "SET @@execute_mode = 'offline'", "INSERT INTO t VALUES (99, 'k0', 1)"] {
            _ = try again.execute(sql)
        }
        #expect(try again.execute("SELECT id FROM t").rows.last == [.int32(99)])
    }

    @Test func aLostManifestIsNotTakenForACrashedWrite() throws {
        let (scratch, copy) = try offlineCopy(2)
        defer { scratch.remove() }
        try FileManager.default.removeItem(atPath: tableFolder(copy) + "/MANIFEST")
        let error = try offlineError(copy)
        #expect(error?.message.contains("missing while segment files remain") == true)
        #expect(try segments(copy).count == 2)
        _ = try DataDirectoryRepair.run(directory: copy)
        #expect(try offlineRows(copy) == ids(0..<10))
    }

    /// The 16th small segment makes its write merge them; if the merge's old files survive a
    /// crash and the manifest is lost too, the rebuilt manifest must not count rows twice.
    @Test func aRebuiltManifestTakesEachRowOnceAcrossAMerge() throws {
        var premerge: [String: Data] = [:]
        let (scratch, copy) = try offlineCopy(16) { folder in
            for file in try FileManager.default.contentsOfDirectory(atPath: folder) where file.hasSuffix(".tideoff") {
                premerge[file] = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
            }
        }
        defer { scratch.remove() }
        #expect(premerge.count == 15)
        #expect(try segments(copy).count < 16, "the 16th write merged")
        for (file, bytes) in premerge { try bytes.write(to: URL(fileURLWithPath: tableFolder(copy) + "/" + file)) }
        try FileManager.default.removeItem(atPath: tableFolder(copy) + "/MANIFEST")

        let report = try DataDirectoryRepair.run(directory: copy)
        #expect(report.contains { $0.hasPrefix("set aside: ") }, "\(report)")
        #expect(try offlineRows(copy) == ids(0..<80))
    }
}
