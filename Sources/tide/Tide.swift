import ArgumentParser
import TideKafka
import TideShell

/// The `tide` command line: argument parsing only; the work happens in the libraries.
@main
struct Tide: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tide",
        abstract: "TideDB: a real-time feature store database speaking OpenMLDB's SQL.",
        version: TideVersion.text,
        subcommands: [ServeCommand.self, ShellCommand.self, RunCommand.self, ParseCommand.self, RepairCommand.self]
    )
}

enum TideVersion {
    static let number = "0.1.0"
    static var text: String { "tide \(number) (librdkafka \(KafkaLibrary.version))" }
}
