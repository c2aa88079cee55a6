import TideCore
import TidePlan

/// LAST JOIN matching, shared by both engines: among right rows with the left row's keys
/// (NULL matching NULL, as an index lookup does) that satisfy the residual condition, the one
/// with the largest ORDER BY value (smallest with DESC; ties and no ORDER BY: the latest
/// ingested).
public struct LastJoinMatcher {
    /// A right row and its ORDER BY value, in matching order (best last).
    public struct Candidate: Sendable {
        public var index: Int
        public var order: Value
    }

    let residual: RowEvaluator?
    let orderBy: RowEvaluator?
    let descending: Bool

    public init(
        residual: BoundExpr?, orderBy: BoundExpr?, descending: Bool, context: FunctionContext, parameters: [Value]
    ) throws {
        self.residual = try residual.map { try RowEvaluator($0, context: context, parameters: parameters) }
        self.orderBy = try orderBy.map { try RowEvaluator($0, context: context, parameters: parameters) }
        self.descending = descending
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
            if c != 0 { return descending ? c > 0 : c < 0 }
            return a.offset < b.offset
        }.map(\.element)
    }

    /// The best right row (its index) among `positions` (into `candidates`, ascending) that
    /// satisfies the condition with `left`, or nil.
    public func last(for left: [Value], among positions: [Int], candidates: [Candidate], rows: [[Value]]) throws -> Int?
    {
        for position in positions.reversed() {
            let index = candidates[position].index
            guard let residual else { return index }
            if Predicates.isTrue(try residual.evaluate(left + rows[index])) { return index }
        }
        return nil
    }
}
