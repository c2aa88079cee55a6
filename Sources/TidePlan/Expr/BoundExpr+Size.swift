import TideCore

extension BoundExpr {
    /// The most nodes an expression may have where binding copies it (BETWEEN's value, a
    /// simple CASE's operand): nesting such copies doubles the tree at every level.
    static let maxCopiedNodes = 4_096

    /// Whether the tree has more than `limit` nodes (counting stops there).
    func hasMoreNodes(than limit: Int) -> Bool {
        var remaining = limit
        func visit(_ e: BoundExpr) -> Bool {
            remaining -= 1
            if remaining < 0 { return true }
            switch e {
            case .literal, .column, .parameter: return false
            case .call(_, let arguments), .logical(_, let arguments), .array(let arguments, _):
                return arguments.contains(where: visit)
            case .cast(let inner, _), .isTest(let inner, _, _), .castCollection(let inner, _): return visit(inner)
            case .compare(_, let a, let b): return visit(a) || visit(b)
            case .inList(let value, let items, _): return visit(value) || items.contains(where: visit)
            case .caseWhen(let branches, let otherwise, _):
                return branches.contains { visit($0.condition) || visit($0.result) } || (otherwise.map(visit) ?? false)
            }
        }
        return visit(self)
    }
}
