import TideCore

/// Bounds on a plan's shape. Every pass over a plan (printer, planner rules, both engines'
/// operator builders) recurses over it, so a plan must stay shallow enough for their stacks;
/// and a CTE referenced twice is copied into the plan twice, so a chain of CTEs each joining
/// the previous one with itself doubles the plan at every step.
extension PhysicalPlan {
    /// Deepest plan accepted (a chain of 1,000 CTEs, each reading the previous, made a plan
    /// that overflowed a debug build's stack).
    static let maxDepth = 600
    /// Most nodes accepted.
    static let maxNodes = 100_000

    /// The plan's operator count; throws 54001 if the plan is deeper or larger than the
    /// bounds. Walks with its own stack and stops at the first bound passed, so it is cheap and
    /// cannot overflow itself.
    @discardableResult
    func checkSize() throws(TideError) -> Int {
        var pending: [(plan: PhysicalPlan, depth: Int)] = [(self, 1)]
        var nodes = 0
        while let (plan, depth) = pending.popLast() {
            nodes += 1
            if depth > Self.maxDepth {
                throw TideError(
                    "54001", "statement too complex: its plan is more than \(Self.maxDepth) operators deep",
                    hint: Self.copiesHint)
            }
            if nodes > Self.maxNodes { throw Self.tooLarge() }
            for child in plan.children { pending.append((child, depth + 1)) }
        }
        return nodes
    }

    /// 54001: the plan has more than `maxNodes` operators.
    static func tooLarge() -> TideError {
        TideError(
            "54001", "statement too complex: its plan is larger than \(maxNodes) operators", hint: copiesHint)
    }

    private static let copiesHint =
        "common table expressions are copied into the plan wherever they are read; read fewer of them, fewer times"
}
