import Testing
import TideCore
import TideTestSupport

@testable import TideSQL

/// Feeds the parser 100,000 seeded random and mutated inputs. It must never crash or hang,
/// must report failures as `TideError`s with a position inside the input, and everything it
/// accepts must round-trip through the printer.
@Suite struct ParserFuzzTests {
    static let seeds = [
        "SELECT c1, sum(c2) OVER w AS s FROM t1 WINDOW w AS (UNION t2 PARTITION BY c1 ORDER BY ts ROWS_RANGE BETWEEN 10s OPEN PRECEDING AND CURRENT ROW EXCLUDE CURRENT_ROW MAXSIZE 5)",
        "SELECT * FROM t1 LAST JOIN t2 ORDER BY t2.ts ON t1.k = t2.k AND t2.ts <= t1.ts WHERE a IN (1, 2) LIMIT 3",
        "CREATE TABLE t (a int NOT NULL, b string DEFAULT 'x', ts timestamp, INDEX(KEY=(a, b), TS=ts, TTL=(10d, 100), TTL_TYPE=absorlat)) OPTIONS (partitionnum = 1)",
        "INSERT OR IGNORE INTO db.t (a, b) VALUES (1, 'it\\'s'), (-2, NULL), (?, $2)",
        "SELECT CASE WHEN a BETWEEN 1 AND 2 THEN 'x' ELSE CAST(b AS string) END, a NOT LIKE '%x' ESCAPE '!' FROM t GROUP BY a HAVING count(*) > 1",
        "WITH c AS (SELECT 1 AS x) SELECT x FROM c UNION ALL (SELECT 2) ORDER BY x DESC",
        "DEPLOY d OPTIONS (long_windows = 'w:1d') SELECT a FROM t CONFIG (execute_mode = 'request', values = [(1, 'a')])",
        "LOAD DATA INFILE 'a.csv' INTO TABLE t OPTIONS (header = true, delimiter = ',')",
        "SET @@global.execute_mode = 'offline'",
        "%%fun def f(x:i32):i32 if x > 1 y = x[0] else y = 2 return y end %%sql SELECT f(a) FROM t",
        "CREATE PROCEDURE p(a int) BEGIN SELECT 1; END",
        "SELECT [1, 2], ARRAY<int>[3], map(1, 'a')[1], ~a & b | c ^ d DIV 2 % 3, -(-x), !y FROM t",
    ]

    static let vocabulary: [String] = [
        "SELECT", "FROM", "WHERE", "GROUP", "BY", "HAVING", "ORDER", "LIMIT", "WINDOW", "AS", "OVER", "PARTITION",
        "ROWS", "ROWS_RANGE", "BETWEEN", "AND", "OR", "NOT", "PRECEDING", "OPEN", "CURRENT", "ROW", "UNBOUNDED",
        "EXCLUDE", "CURRENT_ROW", "MAXSIZE", "UNION", "ALL", "DISTINCT", "LAST", "JOIN", "ON", "LEFT", "CASE", "WHEN",
        "THEN", "ELSE", "END", "CAST", "IN", "IS", "NULL", "LIKE", "CREATE", "TABLE", "INDEX", "KEY", "TS", "TTL",
        "INSERT", "INTO", "VALUES", "SET", "DEPLOY", "CONFIG", "OPTIONS", "WITH", "%%", "fun", "def", "end", "a",
        "t", "w", "1", "2L", "1.5", "3f", "10s", "'s'", "\"q\"", "`b`", "?", "$1", "@@x", "(", ")", "[", "]", ",",
        ";", ".", "*", "+", "-", "/", "%", "=", "<", ">=", "!=", "&", "|", "^", "~", "!", ":", "<", ">", ">>", "+=",
    ]

    private func check(_ input: String) {
        do {
            let statement = try Parser.parseStatement(input)
            let printed = SQLPrinter.print(statement)
            do {
                let reparsed = try Parser.parseStatement(printed)
                #expect(reparsed == statement, "round trip changed the AST: \(input) → \(printed)")
            } catch {
                Issue.record("printed SQL does not parse: \(input) → \(printed): \(error)")
            }
        } catch {
            if let position = error.position {
                #expect(position.offset >= 0 && position.offset <= input.utf8.count, "position outside input: \(input)")
            }
        }
    }

    private func mutate(_ seed: String, using rng: inout SeededGenerator) -> String {
        var tokens = seed.split(separator: " ").map(String.init)
        for _ in 0..<Int.random(in: 1...4, using: &rng) {
            switch Int.random(in: 0..<6, using: &rng) {
            case 0 where !tokens.isEmpty: tokens.remove(at: Int.random(in: 0..<tokens.count, using: &rng))
            case 1:
                let word = Self.vocabulary.randomElement(using: &rng) ?? "a"
                tokens.insert(word, at: Int.random(in: 0...tokens.count, using: &rng))
            case 2 where tokens.count > 1:
                tokens.swapAt(
                    Int.random(in: 0..<tokens.count, using: &rng), Int.random(in: 0..<tokens.count, using: &rng))
            case 3 where !tokens.isEmpty:
                tokens = Array(tokens.prefix(Int.random(in: 0..<tokens.count, using: &rng)))
            case 4 where !tokens.isEmpty:
                let i = Int.random(in: 0..<tokens.count, using: &rng)
                tokens[i] = Self.vocabulary.randomElement(using: &rng) ?? "a"
            default:
                let scalar = Unicode.Scalar(UInt8.random(in: 0...127, using: &rng))
                tokens.append(String(Character(scalar)))
            }
        }
        return tokens.joined(separator: Bool.random(using: &rng) ? " " : "")
    }

    @Test func hundredThousandInputsNeverCrash() {
        var rng = SeededGenerator(seed: 20_261_129)
        var accepted = 0
        let total = 100_000
        for i in 0..<total {
            let input: String
            if i % 3 == 0 {
                let length = Int.random(in: 0..<25, using: &rng)
                input = (0..<length).map { _ in Self.vocabulary.randomElement(using: &rng) ?? "" }.joined(
                    separator: " ")
            } else {
                input = mutate(Self.seeds[i % Self.seeds.count], using: &rng)
            }
            if (try? Parser.parseStatement(input)) != nil { accepted += 1 }
            check(input)
        }
        // The mutations must leave some inputs valid, or the round-trip half tests nothing.
        #expect(accepted > 1_000)
        #expect(accepted < total)
    }

    @Test func everySeedParses() throws {
        for seed in Self.seeds { _ = try Parser.parseStatement(seed) }
    }
}
