import Foundation
import Glibc
import Testing
import TideCore
import TideStore

@testable import TideDB

/// The environment variable that turns this test, run in a child process, into the victim.
private let statementChildVariable = "TIDE_STATEMENT_CRASH_CHILD_DIR"

/// Statements are all or nothing across `kill -9`: for each statement below, 20 runs kill the
/// process at a random moment while it runs (the child is this test binary), reopen the data
/// directory, check that the statement happened wholly or not at all, and that running it
/// again gives the state of an uninterrupted run. Acknowledged INSERTs all survive.
@Suite("Statements: crash atomicity")
struct StatementCrashTests {
    enum Scenario: String, CaseIterable, Sendable {
        case insertStream, offlineInsertStream, offlineLoad, dropTable, createIndex
    }

    static let runs = 20
    static let rows = 40_000
    static let keys = 40

    @Test("kill -9 at random moments", arguments: Scenario.allCases)
    func killedAtRandomMoments(_ scenario: Scenario) throws {
        if let dir = ProcessInfo.processInfo.environment[statementChildVariable] {
            // The child: only the scenario the parent asked for.
            if (try? String(contentsOfFile: dir + "/scenario", encoding: .utf8)) == scenario.rawValue {
                try runChild(scenario, directory: dir)
            }
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tide-statement-kill-\(scenario.rawValue)-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        let template = root + "/template"
        try prepare(scenario, directory: template)
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for run in 0..<Self.runs {
            let dir = root + "/run\(run)"
            try FileManager.default.copyItem(atPath: template, toPath: dir)
            // Early, mid-statement and (every fifth run) after the statement finished.
            let delayMs = run % 5 == 4 ? 4_000 : Int.random(in: 0...250, using: &generator)
            try KilledChild.run(
                suite: "StatementCrashTests", variable: statementChildVariable, directory: dir, delayMs: delayMs)
            outcomes.append(try check(scenario, directory: dir))
            try? FileManager.default.removeItem(atPath: dir)
        }
        // Killed before it finished and after: both sides were seen. (A DROP TABLE's catalog
        // write comes within milliseconds of its start; its kills land while or after its
        // files and rows are removed, which the next open finishes.)
        if scenario == .offlineInsertStream {
            // Some runs went far enough for background merges (16 small segments) to run.
            let counts = outcomes.compactMap { Int($0.prefix { $0.isNumber }) }
            #expect(counts.contains { $0 >= 64 }, "\(outcomes)")
        }
        if scenario == .offlineLoad || scenario == .createIndex {
            #expect(outcomes.contains("none") && outcomes.contains("all"), "\(scenario): \(outcomes)")
        }
    }

    // MARK: - Set-up (once per scenario; each run copies it)

    private func prepare(_ scenario: Scenario, directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try scenario.rawValue.write(toFile: directory + "/scenario", atomically: true, encoding: .utf8)
        let session = try Database(directory: directory + "/data").session()
        for sql in [
            "CREATE DATABASE d", "USE d",
            "CREATE TABLE t (id int, s int, k string, m string, ts timestamp, INDEX(KEY=k, TS=ts))",
        ] { _ = try session.execute(sql) }
        switch scenario {
        case .insertStream, .offlineInsertStream:
            break
        case .offlineLoad:
            var csv = "id,s,k,m,ts\n"
            for i in 0..<150_000 { csv += "\(i),\(i),k\(i % 7),m\(i % Self.keys),\(1_000 + i)\n" }
            try csv.write(toFile: directory + "/rows.csv", atomically: true, encoding: .utf8)
            _ = try session.execute("SET @@execute_mode = 'offline'")
            _ = try session.execute("INSERT INTO t VALUES (-1, -1, 'k0', 'm0', 1)")
        case .dropTable, .createIndex:
            for mode in scenario == .dropTable ? ["online", "offline"] : ["online"] {
                _ = try session.execute("SET @@execute_mode = '\(mode)'")
                for start in stride(from: 0, to: Self.rows, by: 2_000) {
                    let values = (start..<start + 2_000).map { i in
                        "(\(i), \(i), 'k\(i % 7)', 'm\(i % Self.keys)', \(1_000 + i))"
                    }
                    _ = try session.execute("INSERT INTO t VALUES " + values.joined(separator: ", "))
                }
            }
        }
    }

    // MARK: - The victim

    private func runChild(_ scenario: Scenario, directory: String) throws {
        let session = try Database(directory: directory + "/data").session()
        _ = try session.execute("USE d")
        FileManager.default.createFile(atPath: directory + "/started", contents: Data())
        switch scenario {
        case .insertStream, .offlineInsertStream:
            // Three rows per statement; each acknowledged statement's number is appended to
            // `acked` (the page cache outlives a killed process). Offline, every statement adds
            // a small segment, so background merges run (and are killed) all along.
            if scenario == .offlineInsertStream { _ = try session.execute("SET @@execute_mode = 'offline'") }
            FileManager.default.createFile(atPath: directory + "/acked", contents: Data())
            let acked = try FileHandle(forWritingTo: URL(fileURLWithPath: directory + "/acked"))
            for n in 0..<1_000_000 {
                _ = try session.execute(
                    "INSERT INTO t VALUES "
                        + (0..<3).map { "(\(3 * n + $0), \(n), 'k\(n % 7)', 'm', \(n))" }
                        .joined(separator: ", "))
                try acked.write(contentsOf: Data("\(n)\n".utf8))
            }
        case .offlineLoad:
            _ = try session.execute("SET @@execute_mode = 'offline'")
            _ = try session.execute(Self.offlineLoad(directory))
        case .dropTable:
            _ = try session.execute("DROP TABLE t")
        case .createIndex:
            _ = try session.execute(Self.createIndex)
        }
        sleep(600)
    }

    static func offlineLoad(_ directory: String) -> String {
        "LOAD DATA INFILE '\(directory)/rows.csv' INTO TABLE t OPTIONS (header = true, mode = 'append')"
    }

    static let createIndex = "CREATE INDEX by_m ON t (m) OPTIONS (ts = ts)"

    // MARK: - After the kill

    /// "none" or "all" (for the insert stream: "n statements").
    private func check(_ scenario: Scenario, directory: String) throws -> String {
        let database = try Database(directory: directory + "/data")
        let session = database.session()
        _ = try session.execute("USE d")
        func count(_ sql: String = "SELECT count(*) FROM t") throws -> Int64 {
            try session.execute(sql).rows.first?.first?.int64Value ?? -1
        }
        switch scenario {
        case .insertStream, .offlineInsertStream:
            if scenario == .offlineInsertStream {
                _ = try session.execute("SET @@execute_mode = 'offline'")
                #expect(try offlineFilesNotInManifest(database).isEmpty, "a killed write or merge left files")
            }
            let ackedText = (try? String(contentsOfFile: directory + "/acked", encoding: .utf8)) ?? ""
            let lastAcked = ackedText.split(separator: "\n").last.flatMap { Int64($0) } ?? -1
            // Every statement whole: three rows per statement number, numbers 0..<n.
            let perStatement = try session.execute("SELECT s, count(*) AS c FROM t GROUP BY s").rows
            let statements = Int64(perStatement.count)
            #expect(perStatement.allSatisfy { $0[1] == .int64(3) }, "a statement half-applied")
            let maxStatement = perStatement.compactMap { $0[0].int64Value }.max() ?? -1
            #expect(maxStatement == statements - 1, "statement numbers have a gap")
            // Acknowledged statements survive; at most the one in flight is beyond them.
            #expect(statements - 1 >= lastAcked && statements - 1 <= lastAcked + 1, "\(statements) vs \(lastAcked)")
            if scenario == .offlineInsertStream { return "\(statements) statements" }
            var throughIndex: Int64 = 0
            for key in 0..<7 { throughIndex += try count("SELECT count(*) FROM t WHERE k = 'k\(key)'") }
            #expect(throughIndex == statements * 3, "the index and the row log disagree")
            return "\(statements) statements"
        case .offlineLoad:
            _ = try session.execute("SET @@execute_mode = 'offline'")
            let orphans = try offlineFilesNotInManifest(database)
            #expect(orphans.isEmpty, "segment files no manifest lists remain: \(orphans)")
            let rows = try count()
            if rows == 150_001 { return "all" }
            #expect(rows == 1, "\(rows) rows: neither none nor all of the load")
            _ = try session.execute(Self.offlineLoad(directory))
            #expect(try count() == 150_001)
            return "none"
        case .dropTable:
            let exists = try session.execute("SHOW TABLES").rows.contains { $0.contains(.string("t")) }
            if exists {
                #expect(try count() == Int64(Self.rows))
                _ = try session.execute("SET @@execute_mode = 'offline'")
                #expect(try count() == Int64(Self.rows))
                _ = try session.execute("SET @@execute_mode = 'online'")
                _ = try session.execute("DROP TABLE t")
            }
            // Dropped: a new table of the same name is empty online and offline.
            _ = try session.execute(
                "CREATE TABLE t (id int, s int, k string, m string, ts timestamp, INDEX(KEY=k, TS=ts))")
            #expect(try count() == 0)
            _ = try session.execute("SET @@execute_mode = 'offline'")
            #expect(try count() == 0)
            return exists ? "none" : "all"
        case .createIndex:
            let hasIndex = try session.execute("DESC t").rows.contains { $0.contains(.string("key=m")) }
            if !hasIndex { _ = try session.execute(Self.createIndex) }
            // Complete: every key's rows through the new index.
            var throughIndex: Int64 = 0
            for key in 0..<Self.keys { throughIndex += try count("SELECT count(*) FROM t WHERE m = 'm\(key)'") }
            #expect(throughIndex == Int64(Self.rows))
            return hasIndex ? "all" : "none"
        }
    }

    /// The offline segment files of `d.t` that its manifest does not list.
    private func offlineFilesNotInManifest(_ database: Database) throws -> [String] {
        let table = try #require(database.catalog.table(database: "d", name: "t"))
        let directory = database.offline.directory(for: table)
        guard FileManager.default.fileExists(atPath: directory) else { return [] }
        // A kill between creating the table's directory and its first commit leaves no
        // manifest: then the table is empty and every segment file is unlisted.
        let manifest = (try? String(contentsOfFile: directory + "/MANIFEST", encoding: .utf8)) ?? ""
        let files = try FileManager.default.contentsOfDirectory(atPath: directory)
        return files.filter { ($0.hasSuffix(".tideoff") && !manifest.contains($0)) || $0.hasSuffix(".merging") }
    }
}
