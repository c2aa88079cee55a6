/// Computes the output columns from each input row.
public struct ProjectNode: Sendable, Hashable {
    public var input: PhysicalPlan
    public var expressions: [BoundExpr]
    public var columns: [PlanColumn]

    public init(input: PhysicalPlan, expressions: [BoundExpr], columns: [PlanColumn]) {
        self.input = input
        self.expressions = expressions
        self.columns = columns
    }
}
