import Foundation
import Glibc
import Testing
import TideCore
import TideStore

/// The environment variable that turns this test, run in a child process, into the victim.
private let childDirectoryVariable = "TIDE_CATALOG_CRASH_CHILD_DIR"

@Suite("PersistentCatalog: crash durability")
struct PersistentCatalogCrashTests {
    /// The parent re-runs this test binary, filtered to this suite, with the variable set.
    /// The child acknowledges some DDL and then `SIGKILL`s itself without closing anything;
    /// the parent then reopens the data directory and finds every acknowledged change.
    @Test("DDL acknowledged before kill -9 is there after reopening")
    func killedAfterDDL() throws {
        if let childDirectory = ProcessInfo.processInfo.environment[childDirectoryVariable] {
            try runChild(path: childDirectory)
            return
        }
        try withScratchDirectory { dir in
            let path = dir + "/db"
            let child = Process()
            child.executableURL = URL(
                fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")
            )
            child.arguments = ["--testing-library", "swift-testing", "--filter", "PersistentCatalogCrashTests"]
            child.environment = ProcessInfo.processInfo.environment.merging([childDirectoryVariable: path]) { $1 }
            child.standardOutput = FileHandle.nullDevice
            child.standardError = FileHandle.nullDevice
            try child.run()
            child.waitUntilExit()
            #expect(child.terminationReason == .uncaughtSignal)
            #expect(child.terminationStatus == SIGKILL)

            let catalog = try openCatalog(path)
            #expect(catalog.listDatabases() == ["demo"])
            #expect(try catalog.listTables(database: "demo").map(\.name) == (0..<20).map { "t\($0)" }.sorted())
            #expect(catalog.table(database: "demo", name: "t0")?.indexes.count == 2)
            #expect(try catalog.listDeployments(database: "demo").map(\.name) == ["f"])
            #expect(try catalog.nextTableID() == 22)
        }
    }

    /// The victim's side: DDL, then death by `SIGKILL` with the database still open.
    private func runChild(path: String) throws {
        let catalog = try openCatalog(path)
        try catalog.createDatabase("demo")
        for i in 0..<20 {
            try catalog.createTable(sampleTable("demo", "t\(i)"))
        }
        try catalog.createTable(sampleTable("demo", "dropped"))
        try catalog.dropTable(database: "demo", name: "dropped")
        var changed = sampleTable("demo", "t0")
        changed.indexes.append(IndexDef(name: "by_amount", keyColumns: ["amount"], tsColumn: "ts"))
        try catalog.replaceTable(changed)
        try catalog.createDeployment(database: "demo", name: "f", sql: "SELECT * FROM t0")
        kill(getpid(), SIGKILL)
    }
}
