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

    @Test func onlineModeSaysWhatToDo() throws {
        try withDatabase { database, _ in
            let (_, lines) = run("CREATE DATABASE d; USE d; CREATE TABLE t (id int); SELECT id FROM t;", on: database)
            #expect(lines[3].contains(#""sqlstate":"0A000""#))
            #expect(lines[3].contains("online"))
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
