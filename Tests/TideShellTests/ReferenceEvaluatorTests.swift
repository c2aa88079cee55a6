import Foundation
import Testing
import TideCore
import TideDB
import TideTestSupport

/// Random differential test: random tables (ts ties, NULL values and keys, out-of-order
/// arrival, union sources, a LAST JOIN right table) and random window / union / LAST JOIN
/// queries, run offline, in online preview and in request mode through a real `Database`;
/// each mode must equal the naive reference evaluator (Tests/TideTestSupport/Reference).
///
/// `TIDE_REFERENCE_CASES=5000` runs more cases; `TIDE_REFERENCE_SEED` changes the seed;
/// `TIDE_REFERENCE_CASE=n` runs case n alone (as a mismatch message says);
/// `TIDE_REFERENCE_DETAILS=n` prints tables and results in full for the first n mismatches only.
/// Each data directory serves 250 cases (DDL slows down as dropped databases accumulate).
@Suite struct ReferenceEvaluatorTests {
    static let modes = ["offline", "online", "request"]

    @Test func everyModeEqualsTheReference() throws {
        let environment = ProcessInfo.processInfo.environment
        let count = environment["TIDE_REFERENCE_CASES"].flatMap { Int($0) } ?? 250
        let seed = environment["TIDE_REFERENCE_SEED"].flatMap { UInt64($0) } ?? 11_006
        let numbers = environment["TIDE_REFERENCE_CASE"].flatMap { Int($0) }.map { [$0] } ?? Array(0..<count)
        let detailed = environment["TIDE_REFERENCE_DETAILS"].flatMap { Int($0) } ?? Int.max
        let root = FileManager.default.temporaryDirectory
            .appendingPathComponent("tide-reference-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: root) }
        var runner: ReferenceCaseRunner?
        var mismatches = Dictionary(uniqueKeysWithValues: Self.modes.map { ($0, 0) })
        var failures = 0
        var coverage = ReferenceCoverage()
        for number in numbers {
            var g = SeededGenerator(seed: seed &* 1_000_003 &+ UInt64(number))
            let tables = ReferenceGenerator.tables(using: &g)
            let query = ReferenceGenerator.query(using: &g)
            coverage.add(query, tables: tables)
            if runner == nil || number % 250 == 0 {
                let database = try Database(directory: root + "/\(number / 250)")
                runner = ReferenceCaseRunner(database: database, session: database.session())
            }
            let outcomes = try #require(runner).run(number, tables: tables, query: query)
            for mode in Self.modes {
                let expected = ReferenceEvaluator.evaluate(
                    query, tables: tables, mode: mode == "request" ? .request : .batch)
                let problem: String?
                switch outcomes[mode] {
                case .success(let rows):
                    problem = ReferenceComparison.difference(
                        expected: expected, actual: rows, approximate: ReferenceEvaluator.approximateColumns(query))
                case .failure(let error):
                    problem = "\(mode) threw: \(error)"
                case nil:
                    problem = "\(mode) did not run"
                }
                guard let problem else { continue }
                mismatches[mode, default: 0] += 1
                failures += 1
                var message = "reference case \(number) (TIDE_REFERENCE_SEED=\(seed) TIDE_REFERENCE_CASE=\(number)), "
                message += "mode \(mode): \(problem)\nSQL: \(ReferenceSQL.query(query))"
                if failures <= detailed {
                    message += "\n-- tables and replay:\n" + ReferenceCaseRunner.script(tables, query: query)
                    message += "\n-- expected (reference):\n" + ReferenceComparison.text(expected)
                    if case .success(let rows) = outcomes[mode] {
                        message += "\n-- actual (\(mode)):\n" + ReferenceComparison.text(rows)
                    }
                }
                Issue.record(Comment(rawValue: message))
            }
        }
        print("reference evaluator coverage (cases per feature):\n" + coverage.report)
        for mode in Self.modes {
            print("reference evaluator (\(mode)): \(numbers.count) cases, \(mismatches[mode] ?? 0) mismatches")
        }
    }
}
