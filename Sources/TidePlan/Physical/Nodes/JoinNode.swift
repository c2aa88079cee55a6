/// An ordinary join (LEFT, INNER, CROSS): every matching pair; RIGHT and FULL are refused
/// by the binder, as OpenMLDB refuses them. Output: left then right columns.
public struct JoinNode: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable {
        case inner = "INNER"
        case left = "LEFT"
        case cross = "CROSS"
    }

    public var kind: Kind
    public var left: PhysicalPlan
    public var right: PhysicalPlan
    /// Over the concatenated left + right row; nil for CROSS.
    public var condition: BoundExpr?
    public var leftKeys: [BoundExpr]
    public var rightKeys: [BoundExpr]

    public init(
        kind: Kind, left: PhysicalPlan, right: PhysicalPlan, condition: BoundExpr?, leftKeys: [BoundExpr],
        rightKeys: [BoundExpr]
    ) {
        self.kind = kind
        self.left = left
        self.right = right
        self.condition = condition
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
    }
}
