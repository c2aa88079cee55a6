import Foundation
import Glibc
import Testing
import TideCore
import TideDB

/// The environment variable that turns this test, run in a child process, into the victim.
private let loadChildVariable = "TIDE_LOAD_CRASH_CHILD_DIR"

/// Online LOAD DATA is all or nothing: killed at any moment, the next open finds the table as
/// it was before (the interrupted load rolled back) or with the whole file, in `append` and
/// `overwrite` mode alike; a rerun then gives the state of an uninterrupted load.
@Suite("LOAD DATA online: crash atomicity")
struct LoadCrashTests {
    static let rows = 60_000
    static let before = 10

    @Test("kill -9 during an online LOAD DATA leaves none of it or all of it")
    func killedDuringLoad() throws {
        if let dir = ProcessInfo.processInfo.environment[loadChildVariable] {
            try runChild(directory: dir)
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tide-load-kill-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        for mode in ["append", "overwrite"] { try prepare(directory: root + "/template-" + mode, mode: mode) }
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for run in 0..<20 {
            let mode = run % 2 == 0 ? "append" : "overwrite"
            // Early, mid-load and (every fifth run) after it finished.
            let delayMs = run % 5 == 4 ? 6_000 : Int.random(in: 0...700, using: &generator)
            let dir = root + "/run\(run)"
            try FileManager.default.copyItem(atPath: root + "/template-" + mode, toPath: dir)
            try KilledChild.run(suite: "LoadCrashTests", variable: loadChildVariable, directory: dir, delayMs: delayMs)
            outcomes.append(try check(directory: dir, mode: mode))
            try? FileManager.default.removeItem(atPath: dir)
        }
        #expect(outcomes.contains("none") && outcomes.contains("all"), "\(outcomes)")
    }

    /// A table with `before` rows and a CSV of `rows` more.
    private func prepare(directory: String, mode: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        var csv = "id,k,ts\n"
        for i in 0..<Self.rows { csv += "\(1_000 + i),k\(i % 50),\(2_000_000 + i)\n" }
        try csv.write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
        try mode.write(toFile: directory + "/mode", atomically: true, encoding: .utf8)
        let session = try Database(directory: directory + "/data").session()
        for sql in [
            "CREATE DATABASE d", "USE d", "CREATE TABLE t (id int, k string, ts timestamp, INDEX(KEY=k, TS=ts))",
            "INSERT INTO t VALUES "
                + (0..<Self.before).map { "(\($0), 'k\($0 % 50)', \(1_000 + $0))" }
                .joined(separator: ", "),
        ] { _ = try session.execute(sql) }
    }

    private static func load(_ directory: String, mode: String) -> String {
        "LOAD DATA INFILE '\(directory)/rows.csv' INTO TABLE t OPTIONS (header = true, mode = '\(mode)')"
    }

    /// "none" (the table as before) or "all" (the whole file, in the mode's way); the count
    /// through the index agrees with the scan, and a rerun after "none" completes the load.
    private func check(directory: String, mode: String) throws -> String {
        let session = try Database(directory: directory + "/data").session()
        _ = try session.execute("USE d")
        func counts() throws -> (scan: Int64, indexed: Int64) {
            let scan = try session.execute("SELECT count(*) FROM t").rows.first?.first?.int64Value ?? -1
            var indexed: Int64 = 0
            for key in 0..<50 {
                indexed +=
                    try session.execute("SELECT count(*) FROM t WHERE k = 'k\(key)'").rows.first?.first?
                    .int64Value ?? 0
            }
            return (scan, indexed)
        }
        let full = Int64(mode == "append" ? Self.before + Self.rows : Self.rows)
        let (scan, indexed) = try counts()
        #expect(scan == indexed, "the index and the row log disagree: \(scan) vs \(indexed)")
        if scan == full { return "all" }
        #expect(scan == Int64(Self.before), "\(mode): \(scan) rows, neither none nor all of the load")
        _ = try session.execute(Self.load(directory, mode: mode))
        #expect(try counts() == (full, full))
        return "none"
    }

    private func runChild(directory: String) throws {
        let mode = try String(contentsOfFile: directory + "/mode", encoding: .utf8)
        let session = try Database(directory: directory + "/data").session()
        _ = try session.execute("USE d")
        FileManager.default.createFile(atPath: directory + "/started", contents: Data())
        _ = try session.execute(Self.load(directory, mode: mode))
        sleep(600)
    }
}
