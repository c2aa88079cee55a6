import TideCore

/// The history of one current row: the rows of its partition that come before it, oldest
/// first, recomputed from scratch for every row.
enum ReferencePartition {
    /// Partition values of an event row. NULL equals NULL here: rows with a NULL key form a
    /// partition of their own (§3.2 orders `P(k)`, the rows with the same PARTITION BY values).
    static func key(_ row: [Value], _ window: ReferenceWindow) -> [Value] {
        window.partitionBy.map { row[$0] }
    }

    /// The rows before main row `current` in partition order, oldest first.
    /// - Parameter visibleMain: the main rows (by sequence) that passed the WHERE filter.
    static func history(
        of current: Int, window: ReferenceWindow, tables: ReferenceTables, visibleMain: [Int], mode: ReferenceMode
    ) -> [ReferenceCandidate] {
        let row = tables.main[current]
        let key = key(row, window)
        let t = ReferenceSchema.time(row, column: ReferenceSchema.ts)
        let mainGroup = window.unionCount
        var candidates: [ReferenceCandidate] = []
        for j in visibleMain where j != current && Self.key(tables.main[j], window) == key {
            let other = tables.main[j]
            let ts = ReferenceSchema.time(other, column: ReferenceSchema.ts)
            let before: Bool
            switch mode {
            case .batch:
                // §3.9 batch: the rows that precede r in partition order, ties by arrival (§3.2).
                before = (ts, j) < (t, current)
            case .request:
                // §3.9 request: only rows stored earlier; the request row is the newest of its ts.
                before = j < current && ts <= t
            }
            if before {
                candidates.append(ReferenceCandidate(row: other, ts: ts, group: mainGroup, seq: j, isMain: true))
            }
        }
        for (s, source) in tables.unions.prefix(window.unionCount).enumerated() {
            for (j, other) in source.enumerated() where Self.key(other, window) == key {
                let ts = ReferenceSchema.time(other, column: ReferenceSchema.ts)
                // §3.6: union rows with ts > t never enter; rows with ts == t do (ranked older).
                guard ts <= t else { continue }
                candidates.append(
                    ReferenceCandidate(row: other, ts: ts, group: window.unionCount - 1 - s, seq: j, isMain: false))
            }
        }
        return candidates.sorted(by: ReferenceCandidate.precedes)
    }
}
