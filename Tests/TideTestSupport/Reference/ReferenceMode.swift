/// Which rows of the main table a current row sees (SEMANTICS.md §3.9).
public enum ReferenceMode: String, Sendable, Hashable, CaseIterable {
    /// Offline and online preview: every row of the main table that precedes the current row
    /// in partition order, whenever it arrived.
    case batch
    /// Each main row sent as a request before it is stored: only rows stored earlier (lower
    /// insertion sequence) are history, and the request row is the newest of its ts.
    case request
}
