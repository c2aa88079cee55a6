import TideCore
import TidePlan

/// LAST JOIN matching, shared by both engines: among right rows satisfying the condition,
/// the one with the largest ORDER BY value (ties and no ORDER BY: the latest ingested).
public struct LastJoinMatcher {
    /// A right row and its ORDER BY value, in matching order (best last).
    public struct Candidate: Sendable {
        public var index: Int
        public var order: Value
    }

    let condition: RowEvaluator
    let orderBy: RowEvaluator?

    public init(
        condition: BoundExpr, orderBy: BoundExpr?, context: FunctionContext, parameters: [Value]
    ) throws {
        self.condition = try RowEvaluator(condition, context: context, parameters: parameters)
        self.orderBy = try orderBy.map { try RowEvaluator($0, context: context, parameters: parameters) }
    }

    /// The right rows (in ingestion order) sorted so the preferred match comes last.
    public func prepare(_ rows: [[Value]]) throws -> [Candidate] {
        var candidates: [Candidate] = []
        candidates.reserveCapacity(rows.count)
        for (i, row) in rows.enumerated() {
            candidates.append(Candidate(index: i, order: try orderBy?.evaluate(row) ?? .null))
        }
        guard orderBy != nil else { return candidates }
        // Stable: equal ORDER BY values keep ingestion order, so the latest stays last.
        return candidates.enumerated().sorted { a, b in
            let c = Value.sortOrder(a.element.order, b.element.order)
            return c != 0 ? c < 0 : a.offset < b.offset
        }.map(\.element)
    }

    /// The best right row (its index) among `positions` (into `candidates`, ascending) that
    /// satisfies the condition with `left`, or nil.
    public func last(for left: [Value], among positions: [Int], candidates: [Candidate], rows: [[Value]]) throws -> Int?
    {
        for position in positions.reversed() {
            let index = candidates[position].index
            if Predicates.isTrue(try condition.evaluate(left + rows[index])) { return index }
        }
        return nil
    }
}
