import TideCore

/// A row that may enter a window, with what orders it (SEMANTICS.md §3.2).
struct ReferenceCandidate {
    var row: [Value]
    var ts: Int64
    /// Tie rank among equal ts, oldest first: the last union source is the oldest, then the
    /// earlier union sources, then main-table rows (§3.2: newest to oldest are the current
    /// row, earlier main rows, then union sources in SQL order).
    var group: Int
    /// Insertion sequence within its table (newer-inserted ranks newer among ties, §3.2).
    var seq: Int
    var isMain: Bool

    /// Partition order, oldest first: `(ts, group, seq)` (§3.2, TideDB decision 1).
    static func precedes(_ a: Self, _ b: Self) -> Bool {
        (a.ts, a.group, a.seq) < (b.ts, b.group, b.seq)
    }
}
