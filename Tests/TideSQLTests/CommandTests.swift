import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

@Suite struct CommandTests {
    @Test(arguments: [
        "CREATE DATABASE db1", "CREATE DATABASE IF NOT EXISTS db1", "DROP DATABASE db1", "DROP DATABASE IF EXISTS db1",
        "USE db1", "USE `aa-bb`", "DROP TABLE t1", "DROP TABLE IF EXISTS db1.t1", "TRUNCATE TABLE db1.t1",
        "DESC db1.t1", "DROP INDEX t1.idx", "DROP INDEX db.t1.idx",
        "CREATE INDEX idx ON t1 (c1, c2) OPTIONS (TS=c7, TTL=10d, TTL_TYPE=absolute)", "CREATE INDEX idx ON t1 (c1)",
        "SHOW DATABASES", "SHOW TABLES", "SHOW CREATE TABLE db1.t1", "SHOW TABLE STATUS", "SHOW TABLE STATUS LIKE 't%'",
        "SHOW VARIABLES", "SHOW GLOBAL VARIABLES", "SHOW SESSION VARIABLES", "SHOW FUNCTIONS", "SHOW DEPLOYMENTS",
        "SHOW DEPLOYMENT db.d1", "SHOW PROCEDURE STATUS", "SHOW CREATE PROCEDURE p1", "SHOW COMPONENTS",
        "SHOW JOBS", "SHOW JOBS FROM NAMESERVER LIKE '1'", "SHOW JOB 1", "SHOW JOBLOG 79", "STOP JOB abc", "EXIT",
        "SET @@execute_mode = 'offline'", "SET @@global.x = 100", "SET @@session.y = -1.5", "SET @@z = TRUE",
        "CREATE USER root", "CREATE USER IF NOT EXISTS u OPTIONS (password = '123456')",
        "ALTER USER IF EXISTS root SET OPTIONS (password = '1')", "DROP USER u", "DROP USER IF EXISTS u",
        "INSERT INTO t1 VALUES (1, 2L, 3.0f, 4.0, 'hello', NULL, '2021-05-23')",
        "INSERT OR IGNORE INTO db1.t1 (c1, c2) VALUES (1, 'a'), (2, 'b'), (?, ?)",
        "DELETE FROM t1 WHERE c1 = 'a' AND c2 > 3", "DELETE FROM t1",
        "LOAD DATA INFILE '/data/a.csv' INTO TABLE t1 OPTIONS (format = 'csv', header = true, delimiter = ',', null_value = 'null', mode = 'append')",
        "LOAD DATA INFILE 'a.csv' INTO TABLE db.t1",
        "DEPLOY d1 SELECT c1, sum(c2) OVER w FROM t1 WINDOW w AS (PARTITION BY c1 ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW)",
        "DEPLOY IF NOT EXISTS db.d1 OPTIONS (long_windows = 'w1:1d', skip_index_check = 'true') SELECT c1 FROM t1",
        "DROP DEPLOYMENT d1", "DROP DEPLOYMENT IF EXISTS db.d1",
        "EXECUTE DEPLOYMENT d1 VALUES (1, 'card_1', 12.5, 1700000000000L), (2, NULL, -1.0, 1700000001000L)",
        "EXPLAIN SELECT * FROM t1 WHERE c1 > (SELECT avg(c1) FROM t1) LIMIT 10", "EXPLAIN CREATE DATABASE x",
        "CALL sp(1, CAST('ab' AS string))", "DROP PROCEDURE sp1", "DROP FUNCTION IF EXISTS f1",
        "CREATE PROCEDURE p(param_a string, CONST param_b int) BEGIN SELECT 1; SELECT 1 UNION ALL SELECT 2; END",
        "CREATE OR REPLACE TEMPORARY PROCEDURE IF NOT EXISTS p() OPTIONS () BEGIN END",
        "CREATE FUNCTION cut2(x string) RETURNS string OPTIONS (FILE = 'libtest_udf.so')",
        "CREATE AGGREGATE FUNCTION special_sum(x bigint) RETURNS bigint OPTIONS (FILE = 'libudf.so', ARG_NULLABLE = true)",
        "ALTER TABLE db.t1 DROP OFFLINE_PATH '12', ADD OFFLINE_PATH '13'",
        "CREATE KAFKA SOURCE tx INTO TABLE db.t1 OPTIONS (brokers = '127.0.0.1:9092', topic = 'tx', batch_rows = 500)",
        "CREATE KAFKA SOURCE IF NOT EXISTS tx INTO TABLE t1 OPTIONS (topic = 'tx')",
        "CREATE KAFKA SINK f FROM DEPLOYMENT db.d1 OPTIONS (topic = 'features', key = 'id')",
        "START SOURCE tx", "STOP SOURCE tx", "DROP SOURCE tx", "DROP SOURCE IF EXISTS tx", "START SINK f",
        "STOP SINK f", "DROP SINK IF EXISTS f", "SHOW SOURCES", "SHOW SINKS",
    ])
    func commandsRoundTrip(_ sql: String) throws {
        try parseVerified(sql)
    }

    @Test func setSpellingsShareOneCanonicalForm() throws {
        #expect(try canonical("SET GLOBAL var1 = 100") == "SET @@global.var1 = 100")
        #expect(try canonical("SET SESSION var2 = '100'") == "SET @@session.var2 = '100'")
        #expect(try canonical("set @@GLOBAL.sys_var1 = 'xxxx'") == "SET @@global.sys_var1 = 'xxxx'")
        #expect(try canonical("SET @@execute_mode = online") == "SET @@execute_mode = 'online'")
        guard case .set(let set) = try parseVerified("SET @@time_zone = '+08:00'") else {
            throw SQLAssertionFailure(description: "not SET")
        }
        #expect(set == SetStatement(scope: nil, name: Identifier("time_zone"), value: .string("+08:00")))
    }

    @Test func otherSpellingsOfTheSameStatement() throws {
        #expect(try canonical("SHOW PROCEDURES") == "SHOW PROCEDURE STATUS")
        #expect(try canonical("quit") == "EXIT")
        // A parenthesized single TTL is that TTL; two are the pair of absandlat / absorlat.
        #expect(
            try canonical("CREATE TABLE t (c1 string, c7 timestamp, INDEX(KEY=c1, TS=c7, TTL=(10), TTL_TYPE=latest))")
                == "CREATE TABLE t (c1 string, c7 timestamp, INDEX(KEY=c1, TS=c7, TTL=10, TTL_TYPE=latest))")
        #expect(
            try canonical("CREATE TABLE t (c7 timestamp, INDEX(KEY=c7, TTL=(10m, 5), TTL_TYPE=absandlat))")
                == "CREATE TABLE t (c7 timestamp, INDEX(KEY=c7, TTL=(10m, 5), TTL_TYPE=absandlat))")
    }

    @Test func setTakesOnlyALiteral() throws {
        try expectParseError("SET SELECT_MODE = 1 1️⃣+ 2", contains: "end of statement")
        try expectParseError("SET GLOBAL xxx = 1 1️⃣+ 1")
    }

    @Test func insertShape() throws {
        guard case .insert(let insert) = try parseVerified("insert into t1 (a, b) value (1, 'x')") else {
            throw SQLAssertionFailure(description: "not INSERT")
        }
        #expect(insert.columns == [Identifier("a"), Identifier("b")])
        #expect(insert.rows.count == 1)
        #expect(insert.rows[0][1].kind == .literal(.string("x")))
        #expect(!insert.orIgnore)
    }

    @Test func commandErrors() throws {
        try expectParseError("SHOW JOB 1️⃣", contains: "a job id")
        try expectParseError("DROP 1️⃣SCHEMA x", contains: "DATABASE, TABLE")
        try expectParseError("INSERT INTO t1 1️⃣SELECT 1", contains: "expected VALUES")
        try expectParseError("DEPLOY d1 1️⃣INSERT INTO t VALUES (1)", contains: "a SELECT to deploy")
        try expectParseError("LOAD DATA INFILE 1️⃣a.csv INTO TABLE t", contains: "a file path")
        try expectParseError("CREATE 1️⃣VIEW v AS SELECT 1", contains: "DATABASE, TABLE")
    }
}
