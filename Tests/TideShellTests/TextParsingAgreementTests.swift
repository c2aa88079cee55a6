import Foundation
import Testing
import TideCore
import TideDB

/// One text-to-value rule: a spelling that `CAST('text' AS type)` reads is read the same by
/// `LOAD DATA` from a CSV field and by an INSERT of the string into a column, and one CAST
/// rejects (NULL) both reject (22P02). Online and offline LOAD alike.
@Suite struct TextParsingAgreementTests {
    static let spellings: [(type: String, texts: [String])] = [
        ("bool", ["true", "FALSE", "t", "f", "yes", "No", "y", "1", "0", "maybe", "2"]),
        (
            "bigint",
            ["42", "-0", " 7 ", "+15", "0x1F", "-0X10", "9223372036854775807", "9223372036854775808", "1.5", "abc"]
        ),
        ("int", ["12", "0x7fffffff", "-2147483648", "2147483648", "x1"]),
        ("double", ["1.5", "-2e3", ".5", "inf", "-Infinity", "NaN", "1e400", "0x1p3", "one"]),
        ("float", ["0.25", "1e-3", "nan", "3.4e38", "abc"]),
        (
            "date",
            [
                "2024-02-29", "2024-2-9", "20240229", "2024-02-30", "2024-02-29 10:00:00", "1999-12-31T23:59:59", "99",
                "2024/01/01",
            ]
        ),
        (
            "timestamp",
            [
                "2024-02-29 10:11:12", "2024-02-29", "20240229", "2024-02-29T10:11:12Z", "2024-02-29 10:11:12.5",
                "2024-02-29 25:00:00", "soon",
            ]
        ),
    ]

    @Test func castInsertAndLoadReadTextAlike() throws {
        let scratch = try ScratchSession(["SET @@time_zone = '+00:00'"])
        defer { scratch.remove() }
        let session = scratch.session
        var compared = 0
        for (type, texts) in Self.spellings {
            for (n, text) in texts.enumerated() {
                let table = "x_\(type)_\(n)"
                _ = try session.execute("CREATE TABLE \(table) (id int, v \(type), ts timestamp, INDEX(KEY=id, TS=ts))")
                let quoted = text.replacingOccurrences(of: "'", with: "''")
                let cast = try session.execute("SELECT CAST('\(quoted)' AS \(type)) AS v").rows.first?.first ?? .null
                // INSERT of the string (AssignmentCast) reads it by the same rule.
                let inserted: Value?
                do {
                    _ = try session.execute("INSERT INTO \(table) VALUES (1, '\(quoted)', 1)")
                    inserted = try session.execute("SELECT v FROM \(table)").rows.first?.first
                } catch let error as TideError {
                    #expect(error.code == .invalidTextRepresentation || error.code == .numericValueOutOfRange)
                    inserted = nil
                }
                #expect(
                    inserted.map { same($0, cast) } ?? cast.isNull,
                    "INSERT '\(text)' as \(type): \(String(describing: inserted)) vs CAST \(cast)")
                // LOAD DATA of the same text from a CSV field, online and offline.
                let path = scratch.directory + "/\(table).csv"
                try "id,v,ts\n2,\"\(text.replacingOccurrences(of: "\"", with: "\"\""))\",2\n".write(
                    toFile: path, atomically: true, encoding: .utf8)
                for mode in ["online", "offline"] {
                    _ = try session.execute("SET @@execute_mode = '\(mode)'")
                    var loaded: Value?
                    do {
                        _ = try session.execute(
                            "LOAD DATA INFILE '\(path)' INTO TABLE \(table) OPTIONS (header = true, mode = 'append')")
                        loaded = try session.execute("SELECT v FROM \(table) WHERE id = 2").rows.first?.first
                    } catch let error as TideError {
                        #expect(error.code == .invalidTextRepresentation || error.code == .numericValueOutOfRange)
                        loaded = nil
                    }
                    // The file format's one addition: a timestamp field of digits is epoch ms.
                    let epochMs = type == "timestamp" && text.allSatisfy(\.isNumber)
                    let expected = epochMs ? Value.timestamp(Int64(text) ?? 0) : cast
                    #expect(
                        loaded.map { same($0, expected) } ?? expected.isNull,
                        "LOAD '\(text)' as \(type) (\(mode)): \(String(describing: loaded)) vs \(expected)")
                    compared += 1
                }
                _ = try session.execute("SET @@execute_mode = 'online'")
                _ = try session.execute("DROP TABLE \(table)")
            }
        }
        #expect(compared > 100)
    }

    private func same(_ a: Value, _ b: Value) -> Bool {
        if case .double(let x) = a, case .double(let y) = b, x.isNaN && y.isNaN { return true }
        if case .float(let x) = a, case .float(let y) = b, x.isNaN && y.isNaN { return true }
        return a == b
    }
}
