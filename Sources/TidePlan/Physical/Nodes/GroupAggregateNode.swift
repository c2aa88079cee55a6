/// GROUP BY (or a whole-table aggregate when `keys` is empty): one row per group with the
/// keys, then the aggregates.
public struct GroupAggregateNode: Sendable, Hashable {
    public var input: PhysicalPlan
    public var keys: [BoundExpr]
    public var aggregates: [AggregateCall]
    public var columns: [PlanColumn]

    public init(input: PhysicalPlan, keys: [BoundExpr], aggregates: [AggregateCall], columns: [PlanColumn]) {
        self.input = input
        self.keys = keys
        self.aggregates = aggregates
        self.columns = columns
    }
}

/// An aggregate call over a group's rows.
public struct AggregateCall: Sendable, Hashable {
    public var signature: FunctionSignature
    public var arguments: [BoundExpr]
    public var distinct: Bool

    public init(signature: FunctionSignature, arguments: [BoundExpr], distinct: Bool = false) {
        self.signature = signature
        self.arguments = arguments
        self.distinct = distinct
    }
}
