import Foundation
import TideTestSupport

/// A fuzzing run: mutated corpus inputs through a `FuzzHarness`, one in ten a CSV load, the
/// rest SQL. Counts outcomes by SQLSTATE class and keeps every finding (internal error or
/// hang) with the input that caused it.
public struct FuzzCampaign {
    public struct Report: Sendable {
        public var inputs = 0
        public var ok = 0
        /// Errors by SQLSTATE class (first two characters).
        public var errorClasses: [String: Int] = [:]
        public var findings: [(input: String, outcome: FuzzHarness.Outcome)] = []

        public var summary: String {
            let classes = errorClasses.sorted { $0.key < $1.key }.map { "\($0.key)xxx \($0.value)" }
            return "\(inputs) inputs, \(findings.count) findings (internal errors or hangs); ok \(ok); errors "
                + classes.joined(separator: ", ")
        }
    }

    public let sql: [String]
    public let csv: [[UInt8]]

    /// Reads `corpus/sql.txt` (one statement per line) and `corpus/csv/*.csv`.
    public init(corpus: String) throws {
        sql = try String(contentsOfFile: corpus + "/sql.txt", encoding: .utf8)
            .split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        let csvDirectory = corpus + "/csv"
        csv = try FileManager.default.contentsOfDirectory(atPath: csvDirectory).sorted()
            .filter { $0.hasSuffix(".csv") }
            .map { [UInt8](try Data(contentsOf: URL(fileURLWithPath: csvDirectory + "/" + $0))) }
    }

    /// The corpus next to this source file (for tests run from the repository).
    public static var repositoryCorpus: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("corpus").path
    }

    /// Runs `inputs` mutated inputs from `seed`; `progress` is called every 10,000 inputs.
    public func run(
        harness: FuzzHarness, inputs: Int, seed: UInt64, progress: (Report) -> Void = { _ in }
    ) -> Report {
        var mutator = InputMutator(seed: seed)
        var report = Report()
        for i in 0..<inputs {
            let outcome: FuzzHarness.Outcome
            let input: String
            if i % 10 == 9, let base = csv.randomElement(using: &mutator.generator) {
                let bytes = mutator.mutateCSV(base)
                input = "CSV: " + String(decoding: bytes, as: UTF8.self)
                outcome = harness.run(csv: bytes, offline: i % 20 == 19)
            } else {
                let base = sql.randomElement(using: &mutator.generator) ?? "SELECT 1"
                // One input in eight unmutated keeps the fixture exercised by valid statements.
                input = i % 8 == 0 ? base : mutator.mutateSQL(base, corpus: sql)
                outcome = harness.run(sql: input)
            }
            report.inputs += 1
            switch outcome {
            case .ok: report.ok += 1
            case .error(let code): report.errorClasses[String(code.prefix(2)), default: 0] += 1
            case .internalError, .hang: report.findings.append((input, outcome))
            }
            if (i + 1) % 10_000 == 0 { progress(report) }
        }
        return report
    }
}
