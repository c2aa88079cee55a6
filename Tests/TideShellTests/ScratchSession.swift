import Foundation
import TideDB

/// A session on a fresh data directory, in database `d`, after some setup statements; the
/// test removes the directory with `defer { scratch.remove() }`.
struct ScratchSession {
    /// The test's own folder (the data directory is `directory/data`; files may go beside it).
    let directory: String
    let session: Session

    init(_ setup: [String]) throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("tide-test-\(UUID().uuidString)")
            .path
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        session = try Database(directory: directory + "/data").session()
        for sql in ["CREATE DATABASE d", "USE d"] + setup { _ = try session.execute(sql) }
    }

    func remove() { try? FileManager.default.removeItem(atPath: directory) }
}
