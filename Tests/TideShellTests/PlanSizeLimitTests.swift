import Testing
import TideCore
import TideDB

/// Plans built from common table expressions stay within bounds every pass over a plan can
/// handle: a long chain of CTEs (each reading the previous one) or a chain that doubles (each
/// joining the previous one with itself) is 54001, never a stack overflow or an endless bind.
@Suite struct PlanSizeLimitTests {
    private func chain(_ count: Int) -> String {
        let ctes = ["c0 AS (SELECT 1 AS x)"] + (1..<count).map { "c\($0) AS (SELECT x FROM c\($0 - 1))" }
        return "WITH \(ctes.joined(separator: ", ")) SELECT x FROM c\(count - 1)"
    }

    @Test func chainsOfCTEs() throws {
        let scratch = try ScratchSession([])
        defer { scratch.remove() }
        #expect(try scratch.session.execute(chain(100)).rows == [[.int32(1)]])
        for count in [1_000, 100_000] {
            let error = #expect(throws: TideError.self) { _ = try scratch.session.execute(chain(count)) }
            #expect(error?.code.rawValue == "54001")
            #expect(error?.message.contains("operators deep") == true)
        }
    }

    @Test func doublingCTEsAndManyReads() throws {
        let scratch = try ScratchSession([])
        defer { scratch.remove() }
        let doubling =
            ["c0 AS (SELECT 1 AS x)"]
            + (1..<40).map { "c\($0) AS (SELECT a.x FROM c\($0 - 1) a LAST JOIN c\($0 - 1) b ON a.x = b.x)" }
        let reads = Array(repeating: "SELECT a.x FROM c15 a LAST JOIN c15 b ON a.x = b.x", count: 300)
        for sql in [
            "WITH \(doubling.joined(separator: ", ")) SELECT x FROM c39",
            "WITH \(doubling.prefix(16).joined(separator: ", ")) " + reads.joined(separator: " UNION ALL "),
        ] {
            let error = #expect(throws: TideError.self) { _ = try scratch.session.execute(sql) }
            #expect(error?.code.rawValue == "54001")
            #expect(error?.message.contains("larger than") == true)
        }
        // Reading a CTE a few hundred times is fine.
        let union = Array(repeating: "SELECT x FROM c0", count: 300).joined(separator: " UNION ALL ")
        #expect(try scratch.session.execute("WITH c0 AS (SELECT 1 AS x) \(union)").rows.count == 300)
    }
}
