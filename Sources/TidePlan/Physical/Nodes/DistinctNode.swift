/// SELECT DISTINCT: drops repeated rows, keeping the first.
public struct DistinctNode: Sendable, Hashable {
    public var input: PhysicalPlan

    public init(input: PhysicalPlan) { self.input = input }
}
