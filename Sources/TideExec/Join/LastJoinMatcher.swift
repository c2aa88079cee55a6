import TideCore
import TidePlan

/// LAST JOIN matching, shared by both engines: among right rows with the left row's keys
/// (NULL matching NULL, as an index lookup does) that satisfy the residual condition, the one
/// with the largest ORDER BY value (smallest with DESC; ties and no ORDER BY: the latest
/// ingested).
public struct LastJoinMatcher: Sendable {
    /// A right row and its ORDER BY value, in matching order (best last).
    public struct Candidate: Sendable {
        public var index: Int
        public var order: Value
    }

    let residual: RowEvaluator?
    let descending: Bool
    /// The columns of the joined row (left row's, then right row's) the residual condition
    /// reads, ascending: a caller filling a joined row for `residualHolds` needs only these.
    public let residualColumns: [Int]

    public init(residual: BoundExpr?, descending: Bool, context: FunctionContext, parameters: [Value]) throws {
        self.residual = try residual.map { try RowEvaluator($0, context: context, parameters: parameters) }
        self.descending = descending
        var read = Set<Int>()
        residual?.collectColumns(into: &read)
        residualColumns = read.sorted()
    }

    /// The matcher of a plan's LAST JOIN: without key equalities the whole condition is the
    /// residual; with them, the conjuncts besides the equalities.
    public init(_ node: LastJoinNode, context: FunctionContext, parameters: [Value]) throws {
        try self.init(
            residual: node.leftKeys.isEmpty ? node.condition : node.residual, descending: node.orderDescending,
            context: context, parameters: parameters)
    }

    /// Right rows (by their ORDER BY values, in ingestion order; nil without ORDER BY) sorted
    /// so the preferred match comes last.
    public func prepare(orderValues: [Value]?, count: Int) -> [Candidate] {
        guard let orderValues else { return (0..<count).map { Candidate(index: $0, order: .null) } }
        let candidates = (0..<count).map { Candidate(index: $0, order: orderValues[$0]) }
        // Stable: equal ORDER BY values keep ingestion order, so the latest stays last.
        return candidates.sorted { a, b in
            let c = Value.sortOrder(a.order, b.order)
            if c != 0 { return descending ? c > 0 : c < 0 }
            return a.index < b.index
        }
    }

    /// Whether the residual condition holds for a left row and a right row.
    public var hasResidual: Bool { residual != nil }

    public func residualHolds(left: [Value], right: [Value]) throws -> Bool {
        try residualHolds(joined: left + right)
    }

    /// Whether the residual condition holds for a joined row (the left row's values, then
    /// the right row's).
    public func residualHolds(joined row: [Value]) throws -> Bool {
        guard let residual else { return true }
        return Predicates.isTrue(try residual.evaluate(row))
    }

    /// The best right row (its index) among `positions` (into `candidates`, ascending), or nil.
    /// `accepts` tells whether a right row satisfies the residual condition.
    public func last(among positions: [Int], candidates: [Candidate], accepts: (Int) throws -> Bool) rethrows -> Int? {
        for position in positions.reversed() {
            let index = candidates[position].index
            if try accepts(index) { return index }
        }
        return nil
    }
}
