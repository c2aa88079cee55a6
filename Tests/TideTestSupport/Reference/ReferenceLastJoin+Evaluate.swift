import TideCore

extension ReferenceLastJoin {
    /// Whether a NULL left key matches right rows with a NULL key (see `match`).
    static let nullKeysMatch = true

    /// The right row `t LAST JOIN p ORDER BY p.ts ON t.k = p.k [AND p.ts <= t.ts]` picks for
    /// a left row, or nil (§3.8): among right rows satisfying the condition, the largest
    /// p.ts; among equal p.ts the latest inserted (§3.8 "expect the latest-inserted").
    func match(_ left: [Value], right: [[Value]]) -> [Value]? {
        let key = left[ReferenceSchema.k]
        // §3.8 does not say how a NULL key compares. The equality is served by a right index
        // KEY (§3.8 online requirements), and an index keys NULL like any value (a NULL
        // partition key is a partition of its own, `ReferencePartition.key`), so NULL matches
        // NULL here; SQL's `NULL = NULL` (no match) would need `nullKeysMatch = false`.
        if key.isNull, !Self.nullKeysMatch { return nil }
        let t = ReferenceSchema.time(left, column: ReferenceSchema.ts)
        var best: (ts: Int64, row: [Value])?
        for row in right where row[ReferenceSchema.rightKey] == key {
            let ts = ReferenceSchema.time(row, column: ReferenceSchema.rightTs)
            if residual, ts > t { continue }
            // Rows are in insertion order, so `>=` keeps the latest inserted among equal ts.
            if best.map({ ts >= $0.ts }) ?? true { best = (ts, row) }
        }
        return best?.row
    }
}
