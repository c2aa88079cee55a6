import Foundation
import Testing
import TideCore
import TideDB
import TideShell

/// `tide run`'s contract: one JSON object per statement, in order, continuing past errors.
@Suite struct ScriptRunnerTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    /// A fresh data directory, removed afterwards.
    func withDatabase<T>(_ body: (Database, String) throws -> T) throws -> T {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tide-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        return try body(try Database(directory: dir + "/data"), dir)
    }

    func run(_ script: String, on database: Database, format: OutputFormat = .json) -> (ok: Bool, lines: [String]) {
        var lines: [String] = []
        let ok = ScriptRunner(session: database.session(), format: format).run(script) { lines.append($0) }
        return (ok, lines)
    }

    @Test func exitEndsTheScript() throws {
        try withDatabase { database, _ in
            let (ok, lines) = run("SELECT 1 AS a; EXIT; SELECT nosuch; SELECT 2 AS b;", on: database)
            #expect(ok)
            #expect(lines.count == 1)
        }
    }

    /// The columns text is reused while statements return the same columns, and only then.
    @Test func jsonColumnsFollowEachStatement() throws {
        try withDatabase { database, _ in
            let (ok, lines) = run(
                #"SELECT 1 AS a; SELECT 2 AS a; SELECT 'x' AS a; SELECT 3 AS b, 4 AS "q\"t"; SELECT 5 AS a;"#,
                on: database)
            #expect(ok)
            let columns = lines.map { line -> String in
                guard let start = line.range(of: #""columns":"#), let end = line.range(of: #","rows""#) else {
                    return ""
                }
                return String(line[start.upperBound..<end.lowerBound])
            }
            #expect(
                columns == [
                    #"[{"name":"a","type":"int32"}]"#, #"[{"name":"a","type":"int32"}]"#,
                    #"[{"name":"a","type":"string"}]"#,
                    #"[{"name":"b","type":"int32"},{"name":"q\"t","type":"int32"}]"#, #"[{"name":"a","type":"int32"}]"#,
                ])
        }
    }

    @Test func jsonLinesForCommandsQueriesAndErrors() throws {
        try withDatabase { database, dir in
            let csv = dir + "/t.csv"
            try "id,name,amount,ts\n1,\"a\",1.5,1000\n2,\"b\",null,2000\n".write(
                toFile: csv, atomically: true, encoding: .utf8)
            let (ok, lines) = run(
                """
                CREATE DATABASE d; USE d;
                CREATE TABLE t (id int, name string, amount double, ts timestamp, INDEX(KEY=name, TS=ts));
                SET @@execute_mode = 'offline';
                LOAD DATA INFILE '\(csv)' INTO TABLE t OPTIONS (header = true, mode = 'append');
                SELECT id, name, amount, ts, date(ts) AS d FROM t ORDER BY id;
                SELECT nosuch FROM t;
                SELECT count(*) AS n FROM t;
                """, on: database)
            #expect(!ok)
            #expect(lines.count == 8)
            #expect(lines[0] == #"{"statement":1,"ok":true,"tag":"CREATE DATABASE"}"#)
            #expect(lines[4] == #"{"statement":5,"ok":true,"tag":"LOAD DATA","affected_rows":2}"#)
            #expect(
                lines[5] == #"{"statement":6,"ok":true,"tag":"SELECT","columns":[{"name":"id","type":"int32"},"#
                    + #"{"name":"name","type":"string"},{"name":"amount","type":"double"},{"name":"ts","type":"timestamp"},"#
                    + #"{"name":"d","type":"date"}],"rows":[[1,"a",1.5,1000,"1970-01-01"],[2,"b",null,2000,"1970-01-01"]]}"#
            )
            #expect(lines[6].hasPrefix(#"{"statement":7,"ok":false,"error":{"sqlstate":"42703""#))
            #expect(lines[6].contains(#""line":6,"column":8"#))
            #expect(
                lines[7]
                    == #"{"statement":8,"ok":true,"tag":"SELECT","columns":[{"name":"n","type":"int64"}],"rows":[[2]]}"#
            )
        }
    }

    @Test func malformedRowFailsTheLoadAndChangesNothing() throws {
        try withDatabase { database, dir in
            let csv = dir + "/bad.csv"
            try "id,amount\n1,2.5\n2,oops\n".write(toFile: csv, atomically: true, encoding: .utf8)
            let (_, lines) = run(
                """
                CREATE DATABASE d; USE d; CREATE TABLE t (id int, amount double);
                SET @@execute_mode = 'offline';
                LOAD DATA INFILE '\(csv)' INTO TABLE t OPTIONS (mode = 'append');
                SELECT count(*) FROM t;
                """, on: database)
            #expect(lines[4].contains(#""sqlstate":"22P02""#))
            #expect(lines[4].contains("bad.csv:3"))
            #expect(lines[4].contains(#"column \"amount\""#))
            #expect(lines[5].hasSuffix(#""rows":[[0]]}"#))
        }
    }

    @Test func outfileRoundTripsThroughLoadData() throws {
        try withDatabase { database, dir in
            let out = dir + "/out.csv"
            let (ok, lines) = run(
                """
                CREATE DATABASE d; USE d; SET @@execute_mode = 'offline';
                CREATE TABLE a (id int, s string, x double, ts timestamp);
                INSERT INTO a VALUES (1, 'plain', 0.1, 1000), (2, 'with, comma and "quotes"', NULL, 2000), (3, '', -1e300, 3000);
                SELECT * FROM a INTO OUTFILE '\(out)' OPTIONS (mode = 'overwrite');
                CREATE TABLE b (id int, s string, x double, ts timestamp);
                LOAD DATA INFILE '\(out)' INTO TABLE b;
                SELECT * FROM a UNION DISTINCT SELECT * FROM b;
                """, on: database)
            #expect(ok, "\(lines)")
            // Identical rows collapse: the copy read back equals the original.
            #expect(lines.last?.components(separatedBy: "],[").count == 3)
        }
    }

    @Test func catalogAndOfflineDataSurviveReopening() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("tide-reopen-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        do {
            let database = try Database(directory: dir)
            _ = run(
                "CREATE DATABASE d; USE d; CREATE TABLE t (id int); SET @@execute_mode='offline'; INSERT INTO t VALUES (7);",
                on: database)
        }
        let reopened = try Database(directory: dir)
        let (ok, lines) = run("USE d; SET @@execute_mode='offline'; SELECT id FROM t;", on: reopened)
        #expect(ok)
        #expect(lines.last?.hasSuffix(#""rows":[[7]]}"#) == true)
    }

    @Test func onlineInsertPreviewRequestAndDeployment() throws {
        try withDatabase { database, _ in
            let (ok, lines) = run(
                """
                CREATE DATABASE d; USE d;
                CREATE TABLE t (id int, k string, v double, ts timestamp, INDEX(KEY=k, TS=ts));
                INSERT INTO t VALUES (1, 'a', 1.0, 1000), (2, 'a', 2.0, 2000), (3, 'b', 5.0, 2500);
                SELECT count(*) AS n FROM t;
                SELECT id, sum(v) OVER w AS s FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS_RANGE BETWEEN 2s PRECEDING AND CURRENT ROW) CONFIG (execute_mode = 'request', values = (9, 'a', 10.0, 2500));
                DEPLOY f SELECT id, count(v) OVER w AS n FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS BETWEEN 10 PRECEDING AND CURRENT ROW);
                EXECUTE DEPLOYMENT f VALUES (10, 'a', 1.5, 3000), (11, 'new', 3.0, 3000);
                SHOW DEPLOYMENTS;
                SELECT id FROM t WHERE v > 1 CONFIG (execute_mode = 'request', values = [(9, 'a', 10.0, 2500), (8, 'a', 0.5, 2500)]);
                SELECT id, count(v) OVER w FROM t WINDOW w AS (PARTITION BY k ORDER BY ts ROWS 3 PRECEDING) CONFIG (execute_mode = 'request', values = (9, 'a'));
                """, on: database)
            #expect(!ok)
            #expect(lines[4].hasSuffix(#""rows":[[3]]}"#))
            #expect(lines[5].hasSuffix(#""rows":[[9,13.0]]}"#))
            #expect(lines[6] == #"{"statement":7,"ok":true,"tag":"DEPLOY"}"#)
            #expect(lines[7].hasSuffix(#""rows":[[10,3],[11,1]]}"#))
            #expect(lines[8].hasSuffix(#""rows":[["d","f"]]}"#))
            #expect(lines[9].hasSuffix(#""rows":[[9]]}"#))  // WHERE drops the second request row
            #expect(lines[10].contains(#""sqlstate":"22023""#))
        }
    }

    /// Ad-hoc requests that no index serves scan the table (with a warning); deployments
    /// still get an index, and the answers agree.
    @Test func adHocRequestScansWhereNoIndexServes() throws {
        try withDatabase { database, _ in
            let session = database.session()
            for sql in [
                "CREATE DATABASE d", "USE d",
                "CREATE TABLE t (id int, k string, g int, ts timestamp, INDEX(KEY=k, TS=ts))",
                "CREATE TABLE p (k string, level int, ts timestamp, INDEX(KEY=level, TS=ts))",
                "INSERT INTO t VALUES (1, 'a', 1, 1000), (2, 'a', 2, 2000), (3, 'a', 1, 3000), (4, 'b', 1, 3500)",
                "INSERT INTO p VALUES ('a', 7, 500), ('a', 9, 900), ('b', 5, 100)",
            ] { _ = try session.execute(sql) }
            let query =
                "SELECT id, count(id) OVER w AS n, p.level FROM t LAST JOIN p ORDER BY p.ts ON t.k = p.k "
                + "WINDOW w AS (PARTITION BY t.k, t.g ORDER BY t.ts ROWS_RANGE BETWEEN 10s PRECEDING AND CURRENT ROW)"
            let adHoc = try session.execute(query + " CONFIG (execute_mode = 'request', values = (9, 'a', 1, 4000))")
            #expect(adHoc.rows == [[.int32(9), .int64(3), .int32(9)]])
            #expect(adHoc.warnings.contains { $0.contains("scanned the table") })
            let ignored = try session.execute("INSERT OR IGNORE INTO t VALUES (4, 'b', 1, 3500), (5, 'b', 1, 3600)")
            #expect(ignored.affectedRows == 1)  // (4, ...) is already stored
            _ = try session.execute("DEPLOY f " + query)
            let deployed = try session.execute("EXECUTE DEPLOYMENT f VALUES (9, 'a', 1, 4000)")
            #expect(deployed.rows == adHoc.rows)
        }
    }

    @Test func onlinePreviewFailsInsteadOfTruncating() throws {
        try withDatabase { database, _ in
            let (_, lines) = run(
                """
                CREATE DATABASE d; USE d; CREATE TABLE t (a int, INDEX(KEY=a));
                INSERT INTO t VALUES (1), (2), (3);
                SET @@max_preview_rows = 2; SELECT a FROM t;
                SET @@max_preview_rows = 3; SELECT count(*) FROM t;
                """, on: database)
            #expect(lines[5].contains(#""sqlstate":"54000""#))
            #expect(lines[7].hasSuffix(#""rows":[[3]]}"#))
        }
    }

    /// Every example script runs without an error (paths made absolute).
    @Test func examplesRun() throws {
        let examples = Self.root.appendingPathComponent("sql/examples")
        let names = try FileManager.default.contentsOfDirectory(atPath: examples.path).filter { $0.hasSuffix(".sql") }
            .sorted()
        #expect(names.count >= 4)
        try withDatabase { database, _ in
            let session = database.session()
            for name in names {
                let text = try String(contentsOf: examples.appendingPathComponent(name), encoding: .utf8)
                    .replacingOccurrences(of: "'sql/data/", with: "'" + Self.root.path + "/sql/data/")
                var lines: [String] = []
                let ok = ScriptRunner(session: session, format: .json).run(text) { lines.append($0) }
                #expect(ok, "\(name): \(lines.filter { $0.contains("\"ok\":false") })")
                #expect(lines.last?.contains(#""rows":[["#) == true, "\(name) ends with a query that returns rows")
            }
        }
    }
}
