import TideCore

/// Drops repeated rows, keeping the first of each.
enum BatchDistinct {
    static func run(_ input: ColumnBatch) -> ColumnBatch {
        var seen = Set<[Value]>()
        var rows: [Int] = []
        for r in 0..<input.count where seen.insert(input.row(r)).inserted { rows.append(r) }
        return BatchOperatorBuilder.gather(input, rows)
    }
}
