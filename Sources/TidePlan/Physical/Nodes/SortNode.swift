/// ORDER BY: a stable sort on the keys (NULLs first ascending, last descending).
public struct SortNode: Sendable, Hashable {
    public struct Key: Sendable, Hashable {
        public var expr: BoundExpr
        public var descending: Bool

        public init(expr: BoundExpr, descending: Bool) {
            self.expr = expr
            self.descending = descending
        }
    }

    public var input: PhysicalPlan
    public var keys: [Key]

    public init(input: PhysicalPlan, keys: [Key]) {
        self.input = input
        self.keys = keys
    }
}
