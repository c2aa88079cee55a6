import Foundation
import Testing
import TideCore
import TideDB
import TideSQL
import TideShell

/// The embedded backend and the SHOW changes the shell relies on, on a real data directory.
@Suite struct EmbeddedBackendTests {
    /// A backend on a fresh data directory, removed afterwards.
    func withBackend<T>(_ body: (EmbeddedBackend) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tide-shell-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let database = try Database(directory: dir)
        return try body(EmbeddedBackend(session: database.session(), directory: dir))
    }

    /// Runs every statement of `script`, returning the last result.
    @discardableResult
    func run(_ script: String, on backend: EmbeddedBackend) throws -> ShellResult {
        var last = ShellResult(columns: nil, tag: "")
        for statement in backend.split(script) { last = try backend.run(statement) }
        return last
    }

    @Test func commandTagsMatchTheWireProtocol() throws {
        try withBackend { backend in
            try run(
                "CREATE DATABASE d; USE d; CREATE TABLE t (id int, name string, ts timestamp, INDEX(KEY=id, TS=ts));",
                on: backend)
            #expect(try run("INSERT INTO t VALUES (1, 'a', 1000), (2, NULL, 2000);", on: backend).tag == "INSERT 0 2")
            let select = try run("SELECT id, name FROM t ORDER BY id;", on: backend)
            #expect(select.tag == "SELECT 2")
            #expect(select.columns == ["id", "name"])
            #expect(select.rows == [["1", "a"], ["2", nil]])
        }
    }

    @Test func errorsPointIntoTheWholeInput() throws {
        try withBackend { backend in
            let statements = backend.split("SELECT 1;\nSELECT nosuch FROM;")
            #expect(throws: TideError.self) { try backend.run(statements[1]) }
            do throws(TideError) {
                _ = try backend.run(statements[1])
            } catch {
                #expect(error.position?.line == 2)
            }
        }
    }

    @Test func tableStatusCountsOnlineRowsUnderTheFirstIndexTTL() throws {
        try withBackend { backend in
            try run(
                """
                CREATE DATABASE d; USE d;
                CREATE TABLE kept (k string, ts timestamp, INDEX(KEY=k, TS=ts));
                CREATE TABLE latest (k string, ts timestamp, INDEX(KEY=k, TS=ts, TTL=1, TTL_TYPE=latest));
                INSERT INTO kept VALUES ('a', 1), ('a', 2), ('b', 3);
                INSERT INTO latest VALUES ('a', 1), ('a', 2), ('b', 3);
                """, on: backend)
            let status = try run("SHOW TABLE STATUS;", on: backend)
            #expect(status.columns == ["Database", "Table", "Online_rows", "Offline_rows"])
            #expect(status.rows == [["d", "kept", "3", "0"], ["d", "latest", "2", "0"]])
            let filtered = try run("SHOW TABLE STATUS LIKE 'lat%';", on: backend)
            #expect(filtered.rows.map { $0[1] } == ["latest"])
        }
    }

    @Test func showFunctionsIsOneShortLinePerFunction() throws {
        try withBackend { backend in
            let all = try run("SHOW FUNCTIONS;", on: backend)
            #expect(all.columns == ["name", "kind", "signature", "aliases", "summary"])
            let names = all.rows.compactMap { $0.first ?? nil }
            #expect(Set(names).count == names.count)
            let abs = all.rows.first { $0.first == "abs" }
            #expect(abs?[2] == "abs(number) -> number")
            // Overloads that only add trailing parameters read as optional ones.
            #expect(all.rows.first { $0.first == "substring" }?[2] == "substring(string, int32[, int32]) -> string")
            let longest = all.rows.compactMap { $0[2]?.count }.max() ?? 0
            #expect(longest <= 80)

            let avg = try run("SHOW FUNCTIONS LIKE 'avg%';", on: backend)
            #expect(!avg.rows.isEmpty)
            #expect(avg.rows.allSatisfy { ($0.first ?? nil)?.hasPrefix("avg") == true })
            // Aliases match too.
            let ceiling = try run("SHOW FUNCTIONS LIKE 'CEILING';", on: backend)
            #expect(ceiling.rows.compactMap { $0.first ?? nil } == ["ceil"])
        }
    }

    @Test func showFunctionsLikeRoundTrips() throws {
        for sql in ["SHOW FUNCTIONS", "SHOW FUNCTIONS LIKE 'a%'"] {
            let parsed = try Parser.parseStatement(sql)
            #expect(SQLPrinter.print(parsed) == sql)
            #expect(try Parser.parseStatement(SQLPrinter.print(parsed)) == parsed)
        }
    }

    @Test func catalogMetaCommandsAreTideDBStatements() throws {
        try withBackend { backend in
            #expect(backend.statements(for: .tables) == ["SHOW TABLES"])
            #expect(backend.statements(for: .describe("t")) == ["DESC t"])
        }
    }
}
