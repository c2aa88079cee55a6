import Foundation
import Testing
import TideCore
import TideDB

/// `@@statement_timeout_ms` stops a statement whose time goes into one operator's expressions
/// (a projection of hundreds of columns over many rows; before, only operator boundaries were
/// checked, so such a statement ran to its end: a fuzzed 1,500-column SELECT took 10 s under a
/// 1 s timeout), in both engines' modes, and the session goes on.
@Suite struct StatementTimeoutTests {
    @Test(arguments: ["online", "offline"])
    func aWideProjectionStopsAtTheTimeout(mode: String) throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (id int, v double, ts timestamp, INDEX(KEY=id, TS=ts))", "SET @@execute_mode = '\(mode)'",
        ])
        defer { scratch.remove() }
        // Reading 2,000 rows takes a few milliseconds; computing 1,500 columns of them, seconds.
        let rows = (0..<2_000).map { "(\($0), \(Double($0) / 7), \(1_000 + $0))" }
        _ = try scratch.session.execute("INSERT INTO t VALUES " + rows.joined(separator: ", "))
        let columns = (0..<1_500).map { "CAST(v + \($0) AS string) AS c\($0)" }.joined(separator: ", ")
        _ = try scratch.session.execute("SET @@statement_timeout_ms = 200")
        let error = #expect(throws: TideError.self) {
            _ = try scratch.session.execute("SELECT \(columns) FROM t")
        }
        #expect(error?.code == .queryCanceled)
        #expect(error?.message.contains("statement timeout") == true)
        _ = try scratch.session.execute("SET @@statement_timeout_ms = 0")
        #expect(try scratch.session.execute("SELECT count(*) FROM t").rows == [[.int64(2_000)]])
    }

    @Test func aCrossJoinStopsAtTheTimeout() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE a (id int, ts timestamp, INDEX(KEY=id, TS=ts))",
            "CREATE TABLE b (id int, ts timestamp, INDEX(KEY=id, TS=ts))",
        ])
        defer { scratch.remove() }
        for table in ["a", "b"] {
            let rows = (0..<2_000).map { "(\($0), \(1_000 + $0))" }
            _ = try scratch.session.execute("INSERT INTO \(table) VALUES " + rows.joined(separator: ", "))
        }
        _ = try scratch.session.execute("SET @@statement_timeout_ms = 200")
        // 4 million pairs, built one left row at a time.
        let error = #expect(throws: TideError.self) {
            _ = try scratch.session.execute("SELECT a.id, b.id FROM a CROSS JOIN b WHERE a.id + b.id < 0")
        }
        #expect(error?.code == .queryCanceled)
    }

    /// Parsing counts too: a statement of megabytes takes seconds to lex and parse. (The column
    /// does not exist, so once parsed the statement fails at once with 42703.)
    @Test func aHugeStatementStopsWhileItIsParsed() throws {
        let scratch = try ScratchSession([])
        defer { scratch.remove() }
        let list = Array(repeating: "123456", count: 300_000).joined(separator: ",")
        _ = try scratch.session.execute("SET @@statement_timeout_ms = 50")
        let error = #expect(throws: TideError.self) {
            _ = try scratch.session.execute("SELECT 1 AS x WHERE no_such_column IN (\(list))")
        }
        #expect(error?.code == .queryCanceled)
        _ = try scratch.session.execute("SET @@statement_timeout_ms = 0")
        let parsed = #expect(throws: TideError.self) {
            _ = try scratch.session.execute("SELECT 1 AS x WHERE no_such_column IN (\(list))")
        }
        #expect(parsed?.code == .undefinedColumn)
    }
}
