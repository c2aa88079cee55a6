import TideCore

/// A deliberately naive evaluator of `ReferenceQuery`: for every main row it collects the
/// candidate rows, orders them, applies the frame and recomputes every aggregate from
/// scratch. It shares no code with TideDB's engines; SEMANTICS.md §3.1–3.9 is its authority.
public enum ReferenceEvaluator {
    /// The expected output rows, one per main row that passes the WHERE filter, in main-table
    /// insertion order: `[t.id] + aggregates + [p.pid, p.level]` (the last two with a LAST JOIN).
    public static func evaluate(
        _ query: ReferenceQuery, tables: ReferenceTables, mode: ReferenceMode
    ) -> [[Value]] {
        // The WHERE filter drops output rows and the main table's window rows alike; it is
        // applied to the main table before the window (union rows are not filtered).
        let visible = tables.main.indices.filter { query.filter?.accepts(tables.main[$0]) ?? true }
        return visible.map { current in
            let row = tables.main[current]
            var output: [Value] = [row[ReferenceSchema.id]]
            let frames = query.windows.map { window in
                ReferenceFrame(
                    current: row,
                    history: ReferencePartition.history(
                        of: current, window: window, tables: tables, visibleMain: visible, mode: mode),
                    window: window)
            }
            output += query.aggregates.map { $0.evaluate(frames[$0.window]) }
            if let join = query.lastJoin {
                // §3.9: the right table is fully stored before the requests in both modes.
                let matched = join.match(row, right: tables.right)
                output += [matched?[ReferenceSchema.pid] ?? .null, matched?[ReferenceSchema.level] ?? .null]
            }
            return output
        }
    }

    /// Which output columns hold floating-point sums or means (compared with a tolerance).
    public static func approximateColumns(_ query: ReferenceQuery) -> Set<Int> {
        Set(query.aggregates.enumerated().filter { $0.element.isApproximate }.map { $0.offset + 1 })
    }
}
