import TideDB
import XCTest

@testable import TideWire

/// SET, SHOW, RESET, transaction control and the session functions drivers call.
final class CompatibilitySessionTests: XCTestCase {
    func testCapturedSessionStatementsHavePostgreSQLsShape() throws {
        let demo = try DemoDatabase()
        for query in Self.session { demo.assertShape(query) }
    }

    func testShowReadsSettingsThenDefaults() throws {
        let demo = try DemoDatabase()
        let context = demo.context(settings: [
            "application_name": "psql", "datestyle": "ISO, DMY", "timezone": "Asia/Shanghai",
        ])
        XCTAssertEqual(demo.rows("SHOW application_name", context: context), [["psql"]])
        XCTAssertEqual(demo.rows("show DateStyle", context: context), [["ISO, DMY"]])
        XCTAssertEqual(demo.rows("SHOW TIME ZONE", context: context), [["Asia/Shanghai"]])
        XCTAssertEqual(demo.rows("SHOW transaction isolation level"), [["read committed"]])
        XCTAssertEqual(demo.rows("show standard_conforming_strings"), [["on"]])
        XCTAssertEqual(demo.rows("SHOW server_version"), [["15.0 (TideDB 0.1.0)"]])
        XCTAssertEqual(demo.rows("SHOW server_version_num"), [["150000"]])
        XCTAssertEqual(demo.rows("SHOW session_authorization"), [["tide"]])
        XCTAssertEqual(demo.rows("SHOW max_identifier_length"), [["63"]])
        XCTAssertNil(demo.answer("SHOW nosuchparam"))
        XCTAssertEqual(demo.rows("SHOW myapp.flag", context: demo.context(settings: ["myapp.flag": "1"])), [["1"]])
        guard case .rows(let columns, let rows, "SHOW")? = demo.answer("SHOW ALL") else {
            return XCTFail("SHOW ALL")
        }
        XCTAssertEqual(columns.map(\.name), ["name", "setting", "description"])
        XCTAssertTrue(rows.contains { $0.first == "DateStyle" && $0[1] == "ISO, MDY" })
    }

    func testSetAnswersTheParameterAndItsValue() throws {
        let demo = try DemoDatabase()
        let cases: [(String, CompatibilityAnswer)] = [
            ("SET extra_float_digits = 3", .set(name: "extra_float_digits", value: "3", tag: "SET")),
            (
                "SET application_name = 'PostgreSQL JDBC Driver'",
                .set(name: "application_name", value: "PostgreSQL JDBC Driver", tag: "SET")
            ),
            ("set Application_Name to 'x y'", .set(name: "application_name", value: "x y", tag: "SET")),
            ("SET SESSION statement_timeout = -1", .set(name: "statement_timeout", value: "-1", tag: "SET")),
            ("SET datestyle TO ISO, MDY", .set(name: "datestyle", value: "ISO, MDY", tag: "SET")),
            ("SET search_path TO public, \"$user\"", .set(name: "search_path", value: "public, \"$user\"", tag: "SET")),
            ("SET TIME ZONE 'Europe/Paris'", .set(name: "timezone", value: "Europe/Paris", tag: "SET")),
            ("SET TIME ZONE LOCAL", .set(name: "timezone", value: "UTC", tag: "SET")),
            ("SET timezone TO DEFAULT", .set(name: "timezone", value: "UTC", tag: "SET")),
            ("SET NAMES 'utf8'", .set(name: "client_encoding", value: "UTF8", tag: "SET")),
            ("SET myapp.user_id = '42'", .set(name: "myapp.user_id", value: "42", tag: "SET")),
            ("SET LOCAL statement_timeout = 5", .command(tag: "SET")),
            ("SET foo TO 1", .set(name: "foo", value: "1", tag: "SET")),
            ("SET work_mem = '64MB'", .set(name: "work_mem", value: "64MB", tag: "SET")),
            ("SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED", .command(tag: "SET")),
            ("SET TRANSACTION READ ONLY", .command(tag: "SET")),
            ("RESET application_name", .set(name: "application_name", value: "", tag: "RESET")),
            ("RESET TIME ZONE", .set(name: "timezone", value: "UTC", tag: "RESET")),
            ("RESET ALL", .command(tag: "RESET")),
        ]
        for (sql, expected) in cases {
            XCTAssertEqual(demo.answer(sql), expected, sql)
        }
    }

    func testTransactionControlIsAcknowledged() throws {
        let demo = try DemoDatabase()
        let cases = [
            "BEGIN": "BEGIN", "begin isolation level read committed": "BEGIN", "START TRANSACTION": "START TRANSACTION",
            "COMMIT": "COMMIT", "END": "COMMIT", "ROLLBACK": "ROLLBACK", "ABORT": "ROLLBACK",
            "SAVEPOINT \"_pg3_1\"": "SAVEPOINT", "RELEASE \"_pg3_1\"": "RELEASE", "ROLLBACK TO SAVEPOINT a": "ROLLBACK",
            "DISCARD ALL": "DISCARD ALL", "DEALLOCATE ALL": "DEALLOCATE ALL", "DEALLOCATE _pg3_0": "DEALLOCATE",
        ]
        for (sql, tag) in cases {
            XCTAssertEqual(demo.answer(sql), .command(tag: tag), sql)
        }
    }

    func testSessionFunctions() throws {
        let demo = try DemoDatabase()
        XCTAssertEqual(
            demo.rows("select pg_catalog.version()"),
            [["PostgreSQL 15.0 (TideDB 0.1.0) on x86_64-pc-linux-gnu, 64-bit"]])
        XCTAssertEqual(demo.rows("select current_schema()"), [["public"]])
        XCTAssertEqual(demo.rows("SELECT current_database(), current_user, session_user"), [["demo", "tide", "tide"]])
        XCTAssertEqual(demo.rows("select current_schemas(true)"), [["{pg_catalog,public}"]])
        XCTAssertEqual(
            demo.rows("select current_setting('search_path'), pg_catalog.current_setting('TimeZone') AS tz"),
            [["\"$user\", public", "UTC"]])
        XCTAssertEqual(demo.rows("select current_setting($1)", ["server_version_num"]), [["150000"]])
        XCTAssertEqual(demo.rows("select current_setting('nosuch', true)"), [[nil]])
        XCTAssertNil(demo.answer("select current_setting('nosuch')"))
        XCTAssertNil(demo.answer("select version(), 1"))
        XCTAssertNil(demo.answer("select version() from t"))
        guard case .rows(let columns, _, _)? = demo.answer("select current_setting('a', true) AS a, version()") else {
            return XCTFail("current_setting")
        }
        XCTAssertEqual(
            columns, [CompatibilityColumn(name: "a", typeOID: 25), CompatibilityColumn(name: "version", typeOID: 25)])
    }
}

extension CompatibilitySessionTests {
    static let session: [CapturedQuery] = [
        CapturedQuery("SHOW transaction_isolation;", columns: ["transaction_isolation:25"], tag: "SHOW"),
        CapturedQuery("SHOW TRANSACTION ISOLATION LEVEL;", columns: ["transaction_isolation:25"], tag: "SHOW"),
        CapturedQuery("show standard_conforming_strings;", columns: ["standard_conforming_strings:25"], tag: "SHOW"),
        CapturedQuery("SHOW server_version;", columns: ["server_version:25"], tag: "SHOW"),
        CapturedQuery("SHOW server_version_num;", columns: ["server_version_num:25"], tag: "SHOW"),
        CapturedQuery("SHOW client_encoding;", columns: ["client_encoding:25"], tag: "SHOW"),
        CapturedQuery("SHOW server_encoding;", columns: ["server_encoding:25"], tag: "SHOW"),
        CapturedQuery("SHOW DateStyle;", columns: ["DateStyle:25"], tag: "SHOW"),
        CapturedQuery("SHOW datestyle;", columns: ["DateStyle:25"], tag: "SHOW"),
        CapturedQuery("SHOW TimeZone;", columns: ["TimeZone:25"], tag: "SHOW"),
        CapturedQuery("SHOW TIME ZONE;", columns: ["TimeZone:25"], tag: "SHOW"),
        CapturedQuery("SHOW search_path;", columns: ["search_path:25"], tag: "SHOW"),
        CapturedQuery("SHOW integer_datetimes;", columns: ["integer_datetimes:25"], tag: "SHOW"),
        CapturedQuery("SHOW max_identifier_length;", columns: ["max_identifier_length:25"], tag: "SHOW"),
        CapturedQuery("SHOW application_name;", columns: ["application_name:25"], tag: "SHOW"),
        CapturedQuery("SHOW extra_float_digits;", columns: ["extra_float_digits:25"], tag: "SHOW"),
        CapturedQuery("SHOW IntervalStyle;", columns: ["IntervalStyle:25"], tag: "SHOW"),
        CapturedQuery("SHOW is_superuser;", columns: ["is_superuser:25"], tag: "SHOW"),
        CapturedQuery("SHOW lc_collate;", columns: ["lc_collate:25"], tag: "SHOW"),
        CapturedQuery(
            "SHOW default_transaction_isolation;",
            columns: ["default_transaction_isolation:25"], tag: "SHOW"),
        CapturedQuery(
            "SHOW default_transaction_read_only;",
            columns: ["default_transaction_read_only:25"], tag: "SHOW"),
        CapturedQuery("SHOW transaction_read_only;", columns: ["transaction_read_only:25"], tag: "SHOW"),
        CapturedQuery("SHOW session_authorization;", columns: ["session_authorization:25"], tag: "SHOW"),
        CapturedQuery("SHOW bytea_output;", columns: ["bytea_output:25"], tag: "SHOW"),
        CapturedQuery("SHOW statement_timeout;", columns: ["statement_timeout:25"], tag: "SHOW"),
        CapturedQuery("SHOW lock_timeout;", columns: ["lock_timeout:25"], tag: "SHOW"),
        CapturedQuery("select version();", columns: ["version:25"], tag: "SELECT"),
        CapturedQuery("select pg_catalog.version();", columns: ["version:25"], tag: "SELECT"),
        CapturedQuery("select current_schema();", columns: ["current_schema:19"], tag: "SELECT"),
        CapturedQuery("select current_schema;", columns: ["current_schema:19"], tag: "SELECT"),
        CapturedQuery("select current_database();", columns: ["current_database:19"], tag: "SELECT"),
        CapturedQuery("select current_user;", columns: ["current_user:19"], tag: "SELECT"),
        CapturedQuery("select session_user;", columns: ["session_user:19"], tag: "SELECT"),
        CapturedQuery("select current_setting('server_version_num');", columns: ["current_setting:25"], tag: "SELECT"),
        CapturedQuery(
            "select current_setting('default_table_access_method');",
            columns: ["current_setting:25"], tag: "SELECT"),
        CapturedQuery("select pg_catalog.current_setting('TimeZone');", columns: ["current_setting:25"], tag: "SELECT"),
        CapturedQuery(
            "select current_setting('search_path'), current_setting('DateStyle');",
            columns: ["current_setting:25", "current_setting:25"], tag: "SELECT"),
        CapturedQuery("select current_schemas(false);", columns: ["current_schemas:1003"], tag: "SELECT"),
        CapturedQuery("select current_schemas(true);", columns: ["current_schemas:1003"], tag: "SELECT"),
        CapturedQuery("SET extra_float_digits = 3;", columns: nil, tag: "SET"),
        CapturedQuery("SET application_name = 'x y';", columns: nil, tag: "SET"),
        CapturedQuery("SET application_name TO 'z';", columns: nil, tag: "SET"),
        CapturedQuery("SET SESSION application_name = 'w';", columns: nil, tag: "SET"),
        CapturedQuery("SET LOCAL application_name = 'w';", columns: nil, tag: "SET"),
        CapturedQuery("SET TIME ZONE 'UTC';", columns: nil, tag: "SET"),
        CapturedQuery("SET TIME ZONE LOCAL;", columns: nil, tag: "SET"),
        CapturedQuery("SET datestyle TO ISO, MDY;", columns: nil, tag: "SET"),
        CapturedQuery("SET search_path TO public, \"$user\";", columns: nil, tag: "SET"),
        CapturedQuery("SET client_encoding TO 'UTF8';", columns: nil, tag: "SET"),
        CapturedQuery(
            "SET SESSION CHARACTERISTICS AS TRANSACTION ISOLATION LEVEL READ COMMITTED;",
            columns: nil, tag: "SET"),
        CapturedQuery("SET TRANSACTION ISOLATION LEVEL READ COMMITTED;", columns: nil, tag: "SET"),
        CapturedQuery("SET statement_timeout = 0;", columns: nil, tag: "SET"),
        CapturedQuery("SET statement_timeout = DEFAULT;", columns: nil, tag: "SET"),
        CapturedQuery("SET NAMES 'UTF8';", columns: nil, tag: "SET"),
        CapturedQuery("RESET application_name;", columns: nil, tag: "RESET"),
        CapturedQuery("RESET ALL;", columns: nil, tag: "RESET"),
        CapturedQuery("BEGIN;", columns: nil, tag: "BEGIN"),
        CapturedQuery("BEGIN ISOLATION LEVEL READ COMMITTED;", columns: nil, tag: "BEGIN"),
        CapturedQuery("COMMIT;", columns: nil, tag: "COMMIT"),
        CapturedQuery("START TRANSACTION;", columns: nil, tag: "START TRANSACTION"),
        CapturedQuery("SAVEPOINT \"_pg3_1\";", columns: nil, tag: "SAVEPOINT"),
        CapturedQuery("RELEASE \"_pg3_1\";", columns: nil, tag: "RELEASE"),
        CapturedQuery("SAVEPOINT a;", columns: nil, tag: "SAVEPOINT"),
        CapturedQuery("ROLLBACK TO SAVEPOINT a;", columns: nil, tag: "ROLLBACK"),
        CapturedQuery("RELEASE SAVEPOINT a;", columns: nil, tag: "RELEASE"),
        CapturedQuery("ROLLBACK;", columns: nil, tag: "ROLLBACK"),
        CapturedQuery("END;", columns: nil, tag: "COMMIT"),
        CapturedQuery("ABORT;", columns: nil, tag: "ROLLBACK"),
        CapturedQuery("DISCARD ALL;", columns: nil, tag: "DISCARD ALL"),
        CapturedQuery("DEALLOCATE ALL;", columns: nil, tag: "DEALLOCATE ALL"),
        CapturedQuery(
            #"""
            SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = to_regtype('text') ORDER BY t.oid;
            """#,
            columns: ["name:19", "oid:26", "array_oid:26", "regtype:25", "delimiter:18"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = to_regtype('bigint') ORDER BY t.oid;
            """#,
            columns: ["name:19", "oid:26", "array_oid:26", "regtype:25", "delimiter:18"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = to_regtype('timestamp') ORDER BY t.oid;
            """#,
            columns: ["name:19", "oid:26", "array_oid:26", "regtype:25", "delimiter:18"], tag: "SELECT"),
        CapturedQuery(
            #"""
            SELECT typname AS name, oid, typarray AS array_oid, oid::regtype::text AS regtype, typdelim AS delimiter FROM pg_type t WHERE t.oid = to_regtype('double precision') ORDER BY t.oid;
            """#,
            columns: ["name:19", "oid:26", "array_oid:26", "regtype:25", "delimiter:18"], tag: "SELECT"),
    ]
}
