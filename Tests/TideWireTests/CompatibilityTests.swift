import Foundation
import TideCore
import TideDB
import TideSQL
import XCTest

@testable import TideWire

/// A statement a real client sent to PostgreSQL 15 (captured on the wire), with the columns
/// (`name:typeOID`) PostgreSQL answered, or nil and the command tag for a command.
struct CapturedQuery {
    var sql: String
    var parameters: [String?]
    var columns: [String]?
    var tag: String

    init(_ sql: String, parameters: [String?] = [], columns: [String]?, tag: String) {
        self.sql = sql
        self.parameters = parameters
        self.columns = columns
        self.tag = tag
    }
}

extension [CapturedQuery] {
    /// The first captured query whose text contains `fragment` (and `and`, if given).
    func first(containing fragment: String, and other: String = "") throws -> CapturedQuery {
        try XCTUnwrap(first { $0.sql.contains(fragment) && (other.isEmpty || $0.sql.contains(other)) }, fragment)
    }
}

/// A TideDB data directory holding database `demo` with table `t` (every column type, an
/// index), removed when released.
final class DemoDatabase {
    let directory: String
    let database: Database

    init() throws {
        directory =
            FileManager.default.temporaryDirectory.appendingPathComponent("tide-compat-\(UUID().uuidString)")
            .path
        database = try Database(directory: directory)
        let session = database.session()
        for statement in [
            "CREATE DATABASE demo",
            "USE demo",
            """
            CREATE TABLE t (id bigint NOT NULL, card string, amount double, ts timestamp, d date, ok bool, n int,
              s smallint, f float, INDEX(KEY=card, TS=ts))
            """,
            "CREATE DATABASE other",
        ] {
            _ = try session.execute(statement)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// The OID table `t` is presented with.
    var tableOID: Int64 {
        CatalogSnapshot.firstTableOID + Int64(database.tableID("t", in: "demo") ?? 0)
    }

    func context(
        currentDatabase: String = "demo", settings: [String: String] = [:]
    ) -> CompatibilityContext {
        CompatibilityContext(
            database: database, currentDatabase: currentDatabase, settings: settings,
            serverVersion: "15.0 (TideDB 0.1.0)", user: "tide")
    }

    /// The answer to `sql`, PostgreSQL's table OID 16385 in it replaced by `t`'s.
    func answer(_ sql: String, _ parameters: [String?] = [], context: CompatibilityContext? = nil)
        -> CompatibilityAnswer?
    {
        let sql = sql.replacing("16385", with: String(tableOID))
        return PostgresCompatibility.answer(sql, parameters: parameters, context: context ?? self.context())
    }

    /// The rows of a result answer; empty for anything else.
    func rows(_ sql: String, _ parameters: [String?] = [], context: CompatibilityContext? = nil) -> [[String?]] {
        guard case .rows(_, let rows, _) = answer(sql, parameters, context: context) else { return [] }
        return rows
    }

    /// Asserts that the answer has PostgreSQL's shape: the same column names and type OIDs, or
    /// the same command tag.
    func assertShape(_ query: CapturedQuery, file: StaticString = #filePath, line: UInt = #line) {
        let answer = self.answer(query.sql, query.parameters)
        switch answer {
        case .rows(let columns, _, let tag)?:
            XCTAssertEqual(columns.map { "\($0.name):\($0.typeOID)" }, query.columns, query.sql, file: file, line: line)
            XCTAssertEqual(
                tag.split(separator: " ").first.map(String.init), query.tag, query.sql, file: file, line: line)
        case .command(let tag)?, .set(_, _, let tag)?:
            XCTAssertNil(query.columns, query.sql, file: file, line: line)
            XCTAssertEqual(tag, query.tag, query.sql, file: file, line: line)
        case nil:
            XCTFail("no answer to \(query.sql)", file: file, line: line)
        }
    }
}

/// What the layer leaves to TideDB, and the pieces it recognises statements with.
final class CompatibilityTests: XCTestCase {
    func testTideDBStatementsAreLeftToTideDB() throws {
        let demo = try DemoDatabase()
        let statements = [
            "SET @@execute_mode='offline'", "SET @@session.execute_mode = 'online'", "SET execute_mode = 'offline'",
            "SET GLOBAL execute_mode = 'online'", "SET SESSION execute_mode = 'offline'", "SET time_zone = 'UTC'",
            "SET @@time_zone='Asia/Shanghai'", "SET SESSION var2 = '100'", "SET foo = 1", "SET SELECT_MODE = 1 + 2",
            "SHOW TABLES", "show databases", "SHOW DEPLOYMENTS", "SHOW VARIABLES",
            "SHOW SESSION VARIABLES", "SHOW GLOBAL VARIABLES", "SHOW FUNCTIONS", "SHOW CREATE TABLE t",
            "SHOW TABLE STATUS", "SHOW TABLE STATUS LIKE 't%'", "SHOW DEPLOYMENT d", "SHOW JOBS", "SHOW JOB 1",
            "SHOW JOBLOG 1", "SHOW COMPONENTS", "SHOW PROCEDURE STATUS", "SHOW CREATE PROCEDURE d", "SELECT 1",
            "select 1", "SELECT * FROM t", "SELECT id, card FROM t WHERE card = 'x'", "SELECT count(*) AS n FROM t",
            "SELECT pg_id FROM t", "SELECT current_timestamp", "SELECT version", "USE demo", "CREATE DATABASE x",
            "INSERT INTO t VALUES (1, 'a', 1.0, 1000, '2024-01-01', true, 1, 1, 1.0)", "DESC t", "DROP TABLE t",
            "DEPLOY d SELECT id FROM t", "EXPLAIN SELECT id FROM t",
            "LOAD DATA INFILE 'x.csv' INTO TABLE t OPTIONS (mode = 'append')", "SET extra_float_digits = 3; SELECT 1",
            "", "   ", "-- only a comment",
        ]
        for sql in statements {
            XCTAssertNil(demo.answer(sql), sql)
        }
        XCTAssertNil(demo.answer("SELECT id, card FROM t WHERE card = $1", ["x"]))
    }

    /// Every statement of the example scripts is TideDB's.
    func testExampleScriptsAreLeftToTideDB() throws {
        let demo = try DemoDatabase()
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        let examples = root.appendingPathComponent("sql/examples")
        let files = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".sql") }
        XCTAssertFalse(files.isEmpty)
        for file in files {
            let script = try String(contentsOf: examples.appendingPathComponent(file), encoding: .utf8)
            for entry in ScriptParser.parse(script) {
                XCTAssertNil(demo.answer(entry.piece.text), "\(file): \(entry.piece.text)")
            }
        }
    }

    /// The wire layer asks with every parameter NULL (or none) when a statement is prepared,
    /// and with the values when it is executed: both must get an answer of the same shape.
    func testShapeDoesNotDependOnParameterValues() throws {
        let demo = try DemoDatabase()
        let captured = CompatibilitySQLAlchemyTests.captured + CompatibilityJDBCTests.jdbc
        for query in captured where !query.parameters.isEmpty {
            let nulls = [String?](repeating: nil, count: query.parameters.count)
            for parameters in [nulls, []] {
                guard case .rows(let columns, _, _)? = demo.answer(query.sql, parameters) else {
                    XCTFail("no answer with \(parameters) to \(query.sql)")
                    continue
                }
                XCTAssertEqual(columns.map { "\($0.name):\($0.typeOID)" }, query.columns, query.sql)
            }
        }
    }

    func testSelectsWithoutMarkersAreTurnedAwayCheaply() {
        let markers = [Array("pg_".utf8), Array("user".utf8)]
        XCTAssertTrue(PostgresCompatibility.mentionsAny("SELECT x FROM PG_CATALOG.y", markers))
        XCTAssertTrue(PostgresCompatibility.mentionsAny("select current_USER", markers))
        XCTAssertFalse(PostgresCompatibility.mentionsAny("SELECT card, sum(amount) OVER w FROM t", markers))
        XCTAssertFalse(PostgresCompatibility.mentionsAny("pg", markers))
    }

    func testLeadingWordSkipsBlanksCommentsAndParentheses() {
        XCTAssertEqual(PostgresCompatibility.leadingWord("  \n\tSELECT 1"), "select")
        XCTAssertEqual(PostgresCompatibility.leadingWord("-- hi\n/* x */ (Show x"), "show")
        XCTAssertNil(PostgresCompatibility.leadingWord("/* unterminated"))
        XCTAssertNil(PostgresCompatibility.leadingWord("@@x"))
    }

    func testTokensIgnoreLayoutCaseAndComments() {
        let a = SQLText("SELECT c.oid\n  FROM pg_catalog.pg_class c -- comment\nWHERE c.relname ~ 'T'")
        let b = SQLText("select C.OID from PG_CATALOG.PG_CLASS C /* x */ where c.relname~'T';")
        XCTAssertEqual(a.canonical, b.canonical)
        XCTAssertTrue(a.contains("from pg_catalog.pg_class c"))
        XCTAssertFalse(a.contains("from pg_catalog.pg_class cc"))
        XCTAssertEqual(a.string(after: "c.relname ~"), "T")
        XCTAssertEqual(
            SQLText("x = E'a\\nb' AND y = 'it''s' AND z = $$d$$").tokens.filter { $0.kind == .string }.map(\.text),
            ["a\nb", "it's", "d"])
        XCTAssertEqual(SQLText("a=-1").tokens.map(\.text), ["a", "=", "-", "1"])
        XCTAssertEqual(SQLText("n.nspname !~ '^pg_'").tokens.map(\.text), ["n", ".", "nspname", "!~", "^pg_"])
    }

    func testParametersBecomeLiteralsOutsideStrings() {
        let text = SQLText("SELECT '$1', $1::VARCHAR, $2, $3", parameters: ["t", nil])
        XCTAssertEqual(
            text.tokens.map(\.canonical), ["select", "'$1'", ",", "'t'", "::", "varchar", ",", "null", ",", "$3"])
        XCTAssertEqual(
            SQLText("x IN ($1::VARCHAR, 'u', NULL, $2)", parameters: ["t", nil]).list(after: "x IN"), ["t", "u"])
    }

    func testSelectListNamesFollowPostgreSQL() {
        let cases: [(String, [String])] = [
            (
                "SELECT c.oid, n.nspname AS \"Schema\", 'x', 1, true, NULL FROM x",
                ["oid", "Schema", "?column?", "?column?", "bool", "?column?"]
            ),
            (
                "SELECT c.oid::pg_catalog.regclass, 'd'::text, pg_catalog.format_type(a, b), count(*) FROM x",
                ["oid", "text", "format_type", "count"]
            ),
            (
                "SELECT CASE WHEN a THEN '' ELSE c.reloftype::pg_catalog.regtype::pg_catalog.text END, CASE WHEN a THEN 1 END",
                ["reloftype", "case"]
            ),
            (
                "SELECT (SELECT d.adsrc FROM d), (x).n, trim(trailing ';' from y), a.attnotnull OR b",
                ["adsrc", "n", "rtrim", "?column?"]
            ),
            (
                "SELECT NULL AS TABLE_CAT, current_user, user, pg_catalog.version()",
                ["table_cat", "current_user", "current_user", "version"]
            ),
        ]
        for (sql, names) in cases {
            XCTAssertEqual(SelectList.names(of: SQLText(sql)), names, sql)
        }
    }

    func testLikeAndRegexPatterns() {
        XCTAssertTrue(NamePatterns.like("t", "%"))
        XCTAssertTrue(NamePatterns.like("trade", "t%e"))
        XCTAssertTrue(NamePatterns.like("t_x", "t\\_x"))
        XCTAssertFalse(NamePatterns.like("tax", "t\\_x"))
        XCTAssertTrue(NamePatterns.like("tax", "t_x"))
        XCTAssertFalse(NamePatterns.like("t", "u%"))
        XCTAssertTrue(NamePatterns.matches("t2", regex: "^(t.*)$"))
        XCTAssertFalse(NamePatterns.matches("xt", regex: "^(t)$"))
        XCTAssertFalse(NamePatterns.matches("t", regex: "^(("))
    }
}
