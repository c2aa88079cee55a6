import Foundation
import Glibc
import Testing
import TideCore

@testable import TideStore

/// The environment variable that turns this test, run in a child process, into the victim.
private let childDirectoryVariable = "TIDE_ONLINE_CRASH_CHILD_DIR"

@Suite("OnlineStore: crash durability")
struct OnlineStoreCrashTests {
    static let batchSize = 10

    /// The parent re-runs this test binary, filtered to this suite, with the variable set. The
    /// child inserts batches as fast as it can and appends the last acknowledged seq to a
    /// progress file after each one; the parent `SIGKILL`s it mid-stream, reopens the data
    /// directory and finds every acknowledged row, and only whole batches.
    @Test("rows acknowledged before kill -9 are there after reopening, in whole batches")
    func killedDuringInserts() throws {
        if let childDirectory = ProcessInfo.processInfo.environment[childDirectoryVariable] {
            try runChild(directory: childDirectory)
            return
        }
        try withScratchDirectory { dir in
            let child = Process()
            child.executableURL = URL(
                fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
            child.arguments = ["--testing-library", "swift-testing", "--filter", "OnlineStoreCrashTests"]
            child.environment = ProcessInfo.processInfo.environment.merging([childDirectoryVariable: dir]) { $1 }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            // Kill it once it has acknowledged a good number of batches (or after 60 s).
            var acknowledged: UInt64 = 0
            for _ in 0..<6000 where acknowledged < 300 {
                usleep(10_000)
                acknowledged = Self.lastAcknowledged(dir)
            }
            kill(child.processIdentifier, SIGKILL)
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal)
            acknowledged = Self.lastAcknowledged(dir)
            #expect(acknowledged >= 300)

            let store = try openOnlineStore(dir + "/db")
            let table = eventsTable()
            let stored = try store.database.scan(prefix: OnlineKeySpace.rowLogPrefix(tableID: 7))
            let last = try store.lastSeq(tableID: 7)
            #expect(last >= acknowledged)
            #expect(UInt64(stored.count) == last)
            #expect(last % UInt64(Self.batchSize) == 0)
            let rows = try store.rows(
                table: table, index: "by_user", key: [.string("u")], from: nil, to: nil, limit: nil)
            #expect(rows.map(\.seq) == Array((1...last).reversed()))
            #expect(try store.insert([event("u", 0, 0)], into: table, tableID: 7) == [last + 1])
        }
    }

    /// The victim's side: inserts until killed, recording each acknowledged seq.
    private func runChild(directory: String) throws {
        let store = try openOnlineStore(directory + "/db")
        let table = eventsTable()
        let progress = open(directory + "/progress", O_WRONLY | O_CREAT | O_APPEND, 0o644)
        for round in 0..<1_000_000 {
            let rows = (0..<Self.batchSize).map { event("u", Double(round), Int64(round * Self.batchSize + $0)) }
            let seqs = try store.insert(rows, into: table, tableID: 7)
            let line = Array("\(seqs.last ?? 0)\n".utf8)
            _ = line.withUnsafeBytes { write(progress, $0.baseAddress, $0.count) }
        }
    }

    /// The last complete line of the progress file, or 0.
    static func lastAcknowledged(_ directory: String) -> UInt64 {
        guard let data = FileManager.default.contents(atPath: directory + "/progress") else { return 0 }
        let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        // The last element follows the final newline: empty, or a line still being written.
        return lines.dropLast().last.flatMap { UInt64($0) } ?? 0
    }
}
