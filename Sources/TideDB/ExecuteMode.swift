/// Where statements run: `online` (the default, as in OpenMLDB 0.9: the online store and
/// request mode) or `offline` (the offline store and the batch engine).
public enum ExecuteMode: String, Sendable, Hashable, CaseIterable {
    case online
    case offline
    /// OpenMLDB's name for a single request evaluation.
    case request
}
