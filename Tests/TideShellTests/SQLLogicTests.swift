import Foundation
import Testing
import TideCore
import TideDB
import TideShell
import TideTestSupport

/// Runs every `sql/tests/*.test` file (`SQLLogicTestFile`) in the three modes, each in a fresh
/// data directory: `offline` (offline store, batch engine), `online` (online store, online
/// preview) and `request` (online store; `request` records as ad-hoc requests and through
/// DEPLOY + EXECUTE DEPLOYMENT).
@Suite struct SQLLogicTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    static let files: [String] = {
        let dir = root.appendingPathComponent("sql/tests").path
        let names = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        return names.filter { $0.hasSuffix(".test") }.sorted()
    }()

    @Test func thereAreTestFiles() {
        #expect(Self.files.count >= 4, "sql/tests holds the SQL tests; found \(Self.files)")
    }

    @Test(arguments: files, ["offline", "online", "request"])
    func sqlTest(_ name: String, mode: String) throws {
        let file = try SQLLogicTestFile(path: Self.root.appendingPathComponent("sql/tests/\(name)").path)
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tide-slt-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let session = try Database(directory: dir).session()
        for sql in [
            "CREATE DATABASE test", "USE test", "SET @@execute_mode = '\(mode == "offline" ? "offline" : "online")'",
        ] {
            _ = try session.execute(sql)
        }
        var checked = 0
        for (n, record) in file.records.enumerated() where record.runs(in: mode) {
            let place = "\(name):\(record.line) [\(mode)]"
            switch record.kind {
            case .statementOK:
                do {
                    _ = try session.execute(record.sql)
                } catch {
                    Issue.record("\(place): statement failed: \(error)")
                }
            case .statementError(let state):
                do {
                    _ = try session.execute(record.sql)
                    Issue.record("\(place): statement succeeded, expected error \(state)")
                } catch let error as TideError {
                    #expect(error.code.rawValue == state, "\(place): \(error)")
                }
            case .query(let rowsort):
                guard mode != "request" else { continue }
                compare(try rows(session, record.sql, place), record.expected, sorted: rowsort, place)
            case .request(let values, let adHoc):
                guard mode == "request" else { continue }
                let tuples = String(values.dropFirst("VALUES".count)).trimmingCharacters(in: .whitespaces)
                let adHocRows = try rows(
                    session, "\(record.sql) CONFIG (execute_mode = 'request', values = [\(tuples)])", place)
                compare(adHocRows, record.expected, sorted: false, "\(place) ad hoc")
                if adHoc { break }
                let deployment = "slt_request_\(n)"
                _ = try session.execute("DEPLOY \(deployment) \(record.sql)")
                let deployed = try rows(session, "EXECUTE DEPLOYMENT \(deployment) VALUES \(tuples)", place)
                compare(deployed, record.expected, sorted: false, "\(place) deployed")
                _ = try session.execute("DROP DEPLOYMENT \(deployment)")
            }
            checked += 1
        }
        #expect(checked > 0, "\(name) has no record for mode \(mode)")
    }

    private func rows(_ session: Session, _ sql: String, _ place: String) throws -> [String] {
        do {
            // Expected lines lose trailing blanks in the file; so does a row ending in an empty text.
            return try session.execute(sql).rows.map { row in
                var line = row.map(ValueRendering.text).joined(separator: " | ")
                while line.last == " " { line.removeLast() }
                return line
            }
        } catch {
            Issue.record("\(place): query failed: \(error)")
            return []
        }
    }

    private func compare(_ actual: [String], _ expected: [String], sorted: Bool, _ place: String) {
        let (a, e) = sorted ? (actual.sorted(), expected.sorted()) : (actual, expected)
        #expect(a == e, "\(place): expected\n\(e.joined(separator: "\n"))\ngot\n\(a.joined(separator: "\n"))")
    }
}
