import TideCore

/// For each left row, the LAST right row satisfying `condition` (largest `orderBy`), or
/// NULLs. Output: left columns, then right columns.
public struct LastJoinNode: Sendable, Hashable {
    public var left: PhysicalPlan
    public var right: PhysicalPlan
    /// Over the concatenated left + right row.
    public var condition: BoundExpr
    /// Equalities `left expr = right expr` taken from the condition: hash / index keys.
    public var leftKeys: [BoundExpr]
    /// Over the right row alone.
    public var rightKeys: [BoundExpr]
    /// Over the right row alone; nil: the last matching row in the right side's order.
    public var orderBy: BoundExpr?
    /// `ORDER BY ... DESC`: the smallest value wins instead of the largest.
    public var orderDescending: Bool = false
    /// The condition's conjuncts other than the key equalities (nil if none). Keys match
    /// NULL to NULL, as an index lookup does; the residual is evaluated as SQL.
    public var residual: BoundExpr?
    /// The right table's index serving the lookup (request mode needs it).
    public var index: IndexBinding?

    public init(
        left: PhysicalPlan, right: PhysicalPlan, condition: BoundExpr, leftKeys: [BoundExpr], rightKeys: [BoundExpr],
        orderBy: BoundExpr?, index: IndexBinding? = nil
    ) {
        self.left = left
        self.right = right
        self.condition = condition
        self.leftKeys = leftKeys
        self.rightKeys = rightKeys
        self.orderBy = orderBy
        self.index = index
    }
}

extension LastJoinNode {
    /// What picks the "last" right row: ORDER BY, else the serving index's TS column (OpenMLDB
    /// takes the last row in index order), else nil (the latest ingested row).
    public var effectiveOrder: BoundExpr? {
        if let orderBy { return orderBy }
        guard let ts = index?.tsColumn,
            let i = right.columns.firstIndex(where: { $0.name.lowercased() == ts.lowercased() })
        else { return nil }
        let column = right.columns[i]
        return .column(ColumnReference(index: i, name: column.name, type: column.type))
    }
}
