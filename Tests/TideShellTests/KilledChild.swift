import Foundation
import Glibc

/// Runs this test binary again as a child process that runs one suite with `variable` set to
/// `directory` (the child sees it and plays the victim), waits until the child creates
/// `directory/started`, lets it run `delayMs` more, and kills it with SIGKILL.
enum KilledChild {
    static func run(suite: String, variable: String, directory: String, delayMs: Int) throws {
        let child = Process()
        child.executableURL = URL(
            fileURLWithPath: try FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
        child.arguments = ["--testing-library", "swift-testing", "--filter", suite]
        child.environment = ProcessInfo.processInfo.environment.merging([variable: directory]) { $1 }
        child.standardOutput = FileHandle.nullDevice
        child.standardError = FileHandle.nullDevice
        try child.run()
        for _ in 0..<3000 where !FileManager.default.fileExists(atPath: directory + "/started") { usleep(10_000) }
        usleep(useconds_t(delayMs * 1000))
        kill(child.processIdentifier, SIGKILL)
        child.waitUntilExit()
    }
}
