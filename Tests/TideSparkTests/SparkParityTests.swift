import Foundation
import Testing
import TideCore
import TideDB
import TideShell
import TideTestSupport

@testable import TideSpark

/// Every offline query of `sql/tests/*.test` run on a real Spark (Spark Connect at
/// `TIDE_TEST_SPARK_URL`, which scripts/test.sh starts) must give TideBatch's rows — the
/// rows the file expects, which `SQLLogicTests` checks on TideBatch. A query whose plan the
/// emitter cannot lower fails with 0A000 before Spark runs; those are counted, and the
/// statements with an expected error must fail the same way on either engine.
/// The Spark Connect server the Spark tests use, from the environment.
let sparkTestEndpoint = ProcessInfo.processInfo.environment["TIDE_TEST_SPARK_URL"]

@Suite(
    .enabled(
        if: sparkTestEndpoint != nil,
        "needs a Spark Connect server: TIDE_TEST_SPARK_URL=spark://127.0.0.1:15002 (scripts/test.sh starts one)"),
    .serialized)
struct SparkParityTests {
    static let endpoint = sparkTestEndpoint
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let files: [String] = {
        let dir = root.appendingPathComponent("sql/tests").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".test") }.sorted()
    }()

    @Test func sqlTestsGiveTideBatchRowsOnSpark() throws {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("tide-spark-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let engine = SparkOfflineEngine(exportDirectory: scratch.appendingPathComponent("export").path)
        var lowered = 0
        var refused: [String] = []
        for name in Self.files {
            let file = try SQLLogicTestFile(path: Self.root.appendingPathComponent("sql/tests/\(name)").path)
            let database = try Database(directory: scratch.appendingPathComponent(name).path)
            database.installRemoteOfflineEngine(engine)
            let session = database.session()
            for sql in [
                "CREATE DATABASE test", "USE test", "SET @@execute_mode = 'offline'",
                "SET @@offline_engine = '\(Self.endpoint ?? "")'",
            ] {
                _ = try session.execute(sql)
            }
            for record in file.records where record.runs(in: "offline") {
                let place = "\(name):\(record.line) [spark]"
                switch record.kind {
                case .statementOK:
                    do { _ = try session.execute(record.sql) } catch let error as TideError where Self.isRefusal(error)
                    {
                        refused.append("\(place): \(error.message)")
                    } catch { Issue.record("\(place): statement failed: \(error)") }
                case .statementError(let state):
                    do {
                        _ = try session.execute(record.sql)
                        Issue.record("\(place): statement succeeded, expected error \(state)")
                    } catch let error as TideError {
                        #expect(error.code.rawValue == state, "\(place): \(error)")
                    }
                case .query(let rowsort):
                    do {
                        let rows = try session.execute(record.sql).rows.map { row in
                            var line = row.map(ValueRendering.text).joined(separator: " | ")
                            while line.last == " " { line.removeLast() }
                            return line
                        }
                        lowered += 1
                        let (a, e) = rowsort ? (rows.sorted(), record.expected.sorted()) : (rows, record.expected)
                        #expect(
                            a == e,
                            "\(place): expected\n\(e.joined(separator: "\n"))\ngot\n\(a.joined(separator: "\n"))")
                    } catch let error as TideError where Self.isRefusal(error) {
                        refused.append("\(place): \(error.message)")
                    } catch {
                        Issue.record("\(place): query failed: \(error)")
                    }
                case .request:
                    continue
                }
            }
        }
        print("Spark parity: \(lowered) queries ran on Spark, \(refused.count) refused by the emitter")
        for line in refused { print("  refused \(line)") }
        #expect(lowered >= 20, "too few sql/tests queries ran on Spark: \(lowered)")
    }

    static func isRefusal(_ error: TideError) -> Bool {
        error.code == .featureNotSupported && error.message.contains("cannot run on Spark")
    }
}
