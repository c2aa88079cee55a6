import Foundation
import Glibc
import Testing
import TideCore
import TideDB

/// The environment variable that turns this test, run in a child process, into the victim.
private let deployChildVariable = "TIDE_DEPLOY_CRASH_CHILD_DIR"

/// DEPLOY is atomic for a reader of the data directory: killed at any moment while it builds
/// an index over existing rows, it leaves either no deployment and no half-built index, or
/// a complete deployment.
@Suite("DEPLOY: crash atomicity")
struct DeployCrashTests {
    static let rows = 40_000
    static let keys = 40
    static let deploy =
        "DEPLOY dep SELECT m, count(v) OVER w AS n FROM t WINDOW w AS "
        + "(PARTITION BY m ORDER BY ts ROWS_RANGE BETWEEN UNBOUNDED PRECEDING AND CURRENT ROW)"

    @Test("kill -9 during DEPLOY leaves no deployment or a complete one")
    func killedDuringDeploy() throws {
        if let dir = ProcessInfo.processInfo.environment[deployChildVariable] {
            try runChild(directory: dir)
            return
        }
        let root = FileManager.default.temporaryDirectory.appendingPathComponent(
            "tide-deploy-kill-\(UUID().uuidString)"
        ).path
        defer { try? FileManager.default.removeItem(atPath: root) }
        try prepare(directory: root + "/template")
        var generator = SystemRandomNumberGenerator()
        var outcomes: [String] = []
        for run in 0..<20 {
            // Early, mid-DEPLOY and (every fifth run) after it finished.
            let delayMs = run % 5 == 4 ? 5_000 : Int.random(in: 0...400, using: &generator)
            let dir = root + "/run\(run)"
            try FileManager.default.copyItem(atPath: root + "/template", toPath: dir)
            try KilledChild.run(
                suite: "DeployCrashTests", variable: deployChildVariable, directory: dir, delayMs: delayMs)
            outcomes.append(try check(directory: dir))
            try? FileManager.default.removeItem(atPath: dir)
        }
        // The runs must have seen both sides at least once: killed before and after completion.
        #expect(outcomes.contains("none") && outcomes.contains("complete"), "\(outcomes)")
    }

    /// A table with rows on disk and no index on `m` yet.
    private func prepare(directory: String) throws {
        let session = try Database(directory: directory + "/data").session()
        for sql in [
            "CREATE DATABASE d", "USE d",
            "CREATE TABLE t (k string, m string, v int, ts timestamp, INDEX(KEY=k, TS=ts))",
        ] { _ = try session.execute(sql) }
        for start in stride(from: 0, to: Self.rows, by: 2_000) {
            let values = (start..<start + 2_000).map { i in "('k\(i % 7)', 'm\(i % Self.keys)', \(i), \(1_000 + i))" }
            _ = try session.execute("INSERT INTO t VALUES " + values.joined(separator: ", "))
        }
    }

    /// "none" (no deployment, no index on m) or "complete" (every row found through it).
    private func check(directory: String) throws -> String {
        let session = try Database(directory: directory + "/data").session()
        _ = try session.execute("USE d")
        let hasIndexOnM = try session.execute("DESC t").rows.contains { row in
            row.contains(.string("key=m"))
        }
        let deployed = try session.execute("SHOW DEPLOYMENTS").rows.contains { $0.contains(.string("dep")) }
        if !deployed && !hasIndexOnM { return "none" }
        // Whatever exists must be complete: each key's count through the index, plus the request row.
        let perKey = Int64(Self.rows / Self.keys)
        for key in ["m0", "m7", "m39"] {
            let sql =
                deployed
                ? "EXECUTE DEPLOYMENT dep VALUES ('x', '\(key)', 0, 99000000)"
                : String(Self.deploy.dropFirst("DEPLOY dep ".count))
                    + " CONFIG (execute_mode = 'request', values = ('x', '\(key)', 0, 99000000))"
            let rows = try session.execute(sql).rows
            #expect(rows == [[.string(key), .int64(perKey + 1)]], "\(key) deployed=\(deployed)")
        }
        if !deployed {
            // An index recorded before the deployment (a kill between the two) is complete;
            // running DEPLOY again finishes the job.
            _ = try session.execute(Self.deploy)
        }
        return deployed ? "complete" : "index only"
    }

    private func runChild(directory: String) throws {
        let session = try Database(directory: directory + "/data").session()
        _ = try session.execute("USE d")
        FileManager.default.createFile(atPath: directory + "/started", contents: Data())
        _ = try session.execute(Self.deploy)
        // Stay alive until killed, so every run ends the same way.
        sleep(600)
    }
}
