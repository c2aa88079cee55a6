import TideCore
import TideTestSupport

/// Compares an engine's rows with the reference's, matched by the id column (the first):
/// floating sums and means within a small relative tolerance, everything else exactly.
enum ReferenceComparison {
    /// A description of the first differences, or nil if the rows match.
    static func difference(expected: [[Value]], actual: [[Value]], approximate: Set<Int>) -> String? {
        var byID: [Value: [Value]] = [:]
        var problems: [String] = []
        for row in actual {
            guard let id = row.first else { continue }
            if byID[id] != nil { problems.append("id \(ReferenceSQL.literal(id)) returned twice") }
            byID[id] = row
        }
        if actual.count != expected.count { problems.append("\(actual.count) rows, expected \(expected.count)") }
        for row in expected {
            guard let id = row.first else { continue }
            guard let other = byID.removeValue(forKey: id) else {
                problems.append("id \(ReferenceSQL.literal(id)) missing")
                continue
            }
            let same =
                row.count == other.count
                && zip(row, other).enumerated().allSatisfy { column, pair in
                    equal(pair.0, pair.1, approximate: approximate.contains(column))
                }
            if !same { problems.append("id \(ReferenceSQL.literal(id)): expected \(line(row)), got \(line(other))") }
        }
        for id in byID.keys { problems.append("unexpected id \(ReferenceSQL.literal(id))") }
        return problems.isEmpty ? nil : problems.prefix(8).joined(separator: "; ")
    }

    static func equal(_ a: Value, _ b: Value, approximate: Bool) -> Bool {
        if approximate, case .double(let x) = a, case .double(let y) = b {
            return abs(x - y) <= 1e-9 * max(1, abs(x), abs(y))
        }
        return a == b
    }

    /// Rows one per line, values as SQL literals with their types where they matter.
    static func text(_ rows: [[Value]]) -> String {
        rows.map(line).joined(separator: "\n")
    }

    static func line(_ row: [Value]) -> String {
        "(" + row.map { "\($0)" }.joined(separator: ", ") + ")"
    }
}
