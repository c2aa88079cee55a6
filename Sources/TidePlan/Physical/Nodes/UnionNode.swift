/// UNION ALL (concatenation) or UNION DISTINCT of inputs with the same column types.
public struct UnionNode: Sendable, Hashable {
    public var inputs: [PhysicalPlan]
    public var distinct: Bool

    public init(inputs: [PhysicalPlan], distinct: Bool) {
        self.inputs = inputs
        self.distinct = distinct
    }
}
