import ArgumentParser
import TideDB

/// `tide repair --data DIR`: opens a damaged data directory again, keeping what is readable.
struct RepairCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "repair",
        abstract: "Make a damaged data directory open again, keeping everything readable and reporting what was lost.")

    @Option(help: "The data directory to repair (no other process may hold it).")
    var data: String

    func run() throws {
        for line in try DataDirectoryRepair.run(directory: data) { print(line) }
    }
}
