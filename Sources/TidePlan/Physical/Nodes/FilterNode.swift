/// Keeps the rows for which `predicate` is TRUE (WHERE, HAVING).
public struct FilterNode: Sendable, Hashable {
    public var input: PhysicalPlan
    public var predicate: BoundExpr

    public init(input: PhysicalPlan, predicate: BoundExpr) {
        self.input = input
        self.predicate = predicate
    }
}
