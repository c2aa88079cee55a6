import Foundation
import Testing
import TideFuzzing

/// A bounded fuzzing run (the long one is `tide-fuzz` in benchmarks/): mutated SQL and CSV
/// from the committed corpus against a small database; no input may end in an internal error
/// or overrun the statement timeout, and a crash would end this test's process.
@Suite struct FuzzSmokeTests {
    @Test func mutatedInputsGiveResultsOrSQLStates() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tide-fuzz-\(UUID().uuidString)")
            .path
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let campaign = try FuzzCampaign(corpus: FuzzCampaign.repositoryCorpus)
        let inputs = Int(ProcessInfo.processInfo.environment["TIDE_FUZZ_INPUTS"] ?? "") ?? 3_000
        let report = campaign.run(harness: try FuzzHarness(directory: directory), inputs: inputs, seed: 2026)
        for finding in report.findings { Issue.record("\(finding.outcome): \(finding.input.prefix(300))") }
        // Both sides are exercised: inputs that run and inputs that fail.
        #expect(report.ok > inputs / 20 && report.errorClasses.values.reduce(0, +) > inputs / 5, "\(report.summary)")
    }
}
