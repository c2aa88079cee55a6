import TideCore

/// The rows of one reference case, each table in insertion order (a row's position is its
/// ingestion sequence number, SEMANTICS.md TideDB decision 1).
public struct ReferenceTables: Sendable, Hashable {
    /// The main (request) table `t`.
    public var main: [[Value]]
    /// The union sources `u1`, `u2` (as many as the case has).
    public var unions: [[[Value]]]
    /// The LAST JOIN right table `p`.
    public var right: [[Value]]

    public init(main: [[Value]], unions: [[[Value]]], right: [[Value]]) {
        self.main = main
        self.unions = unions
        self.right = right
    }
}
