import Foundation
import TideFuzzing

// tide-fuzz: a long fuzzing run (see benchmarks/README.md, "Fuzzing").
//   tide-fuzz [--inputs N] [--seed S] [--corpus DIR] [--data DIR]
var inputs = 1_000_000
var seed: UInt64 = 1
var corpus = "Tests/Fuzz/corpus"
var data = FileManager.default.temporaryDirectory.appendingPathComponent("tide-fuzz-\(getpid())").path
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let flag = arguments.next() {
    let value = arguments.next() ?? ""
    switch flag {
    case "--inputs": inputs = Int(value) ?? inputs
    case "--seed": seed = UInt64(value) ?? seed
    case "--corpus": corpus = value
    case "--data": data = value
    default:
        FileHandle.standardError.write(Data("unknown flag \(flag)\n".utf8))
        exit(2)
    }
}
do {
    let campaign = try FuzzCampaign(corpus: corpus)
    let harness = try FuzzHarness(directory: data)
    let start = Date()
    print("fuzzing \(inputs) inputs, seed \(seed), data \(data) (the input being run: \(data)/current-input)")
    let report = campaign.run(harness: harness, inputs: inputs, seed: seed) { report in
        let line = String(format: "%8.0f s  ", Date().timeIntervalSince(start)) + report.summary + "\n"
        FileHandle.standardOutput.write(Data(line.utf8))
    }
    // Each finding in full, in a file of its own beside the data directory.
    let findings = data + "-findings"
    try? FileManager.default.createDirectory(atPath: findings, withIntermediateDirectories: true)
    for (n, finding) in report.findings.enumerated() {
        try? finding.input.write(toFile: findings + "/finding-\(n).txt", atomically: true, encoding: .utf8)
        print("FINDING \(n) \(finding.outcome) (\(findings)/finding-\(n).txt): \(finding.input.prefix(300))")
    }
    print(report.summary + String(format: " (%.0f s)", Date().timeIntervalSince(start)))
    try? FileManager.default.removeItem(atPath: data)
    exit(report.findings.isEmpty ? 0 : 1)
} catch {
    print("tide-fuzz: \(error)")
    exit(2)
}
