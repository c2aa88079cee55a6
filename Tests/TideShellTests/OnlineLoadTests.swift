import Foundation
import Testing
import TideCore
import TideDB

/// Online LOAD DATA: checked whole before anything is written, and `mode` honoured.
@Suite struct OnlineLoadTests {
    @Test func badRowWritesNothingAndModesApply() throws {
        let scratch = try ScratchSession([
            "CREATE TABLE t (k string, v int, ts timestamp, INDEX(KEY=k, TS=ts))"
        ])
        defer { scratch.remove() }
        let (session, dir) = (scratch.session, scratch.directory)
        func count() throws -> Value { try session.execute("SELECT count(v) AS n FROM t").rows[0][0] }
        let good = dir + "/good.csv"
        let bad = dir + "/bad.csv"
        try "k,v,ts\na,1,1000\nb,2,2000\n".write(toFile: good, atomically: true, encoding: .utf8)
        // 10,000 good rows (several write batches), then one that is not an int.
        let rows = (0..<10_000).map { "k\($0),\($0),\($0 + 1)" }.joined(separator: "\n")
        try ("k,v,ts\n" + rows + "\nz,many,5\n").write(toFile: bad, atomically: true, encoding: .utf8)

        #expect(throws: TideError.self) {
            try session.execute("LOAD DATA INFILE '\(bad)' INTO TABLE t OPTIONS (header = true)")
        }
        #expect(try count() == .int64(0))
        #expect(
            try session.execute("LOAD DATA INFILE '\(good)' INTO TABLE t OPTIONS (header = true)").affectedRows == 2)
        let again = #expect(throws: TideError.self) {
            try session.execute("LOAD DATA INFILE '\(good)' INTO TABLE t OPTIONS (header = true)")
        }
        #expect(again?.code.rawValue == "42P07")
        _ = try session.execute("LOAD DATA INFILE '\(good)' INTO TABLE t OPTIONS (header = true, mode = 'append')")
        #expect(try count() == .int64(4))
        _ = try session.execute("LOAD DATA INFILE '\(good)' INTO TABLE t OPTIONS (header = true, mode = 'overwrite')")
        #expect(try count() == .int64(2))
    }
}
