import TideCore
import TideExec

/// Drops repeated rows, keeping the first of each (values equal as DISTINCT compares them:
/// `OrderedValue`).
enum BatchDistinct {
    static func run(_ input: ColumnBatch) -> ColumnBatch {
        var seen = Set<[OrderedValue]>()
        var rows: [Int] = []
        for r in 0..<input.count where seen.insert(OrderedValue.keys(input.row(r))).inserted { rows.append(r) }
        return BatchOperatorBuilder.gather(input, rows)
    }
}
