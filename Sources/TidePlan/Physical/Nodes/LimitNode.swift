/// LIMIT n: the first `count` rows.
public struct LimitNode: Sendable, Hashable {
    public var input: PhysicalPlan
    public var count: Int64

    public init(input: PhysicalPlan, count: Int64) {
        self.input = input
        self.count = count
    }
}
