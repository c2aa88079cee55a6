import TideCore
import TidePlan

/// What one partial of a tile counts: the rows it folds (a `_where` condition), the value it
/// folds (none: it counts rows) and how (plain, as a distinct set, per category). Calls that
/// fold the same thing share a slot — `count(v)`, `sum(v)`, `avg(v)`, `min(v)` and `max(v)` all
/// read one plain partial of `v` — so a tile holds each slot once, whichever deployments and
/// calls read it.
public struct TileSlot: Sendable, Hashable, CustomStringConvertible {
    public enum Kind: Sendable, Hashable {
        /// Count, sums and extremes of the values.
        case plain
        /// The set of distinct values; a NULL counts as `zero` (nil: skipped).
        case distinct(zero: Value?)
        /// A plain partial per category.
        case categories
    }

    public let kind: Kind
    /// The folded value (nil: the slot counts rows, as `count(*)` and `count_where(cond)`).
    public let value: BoundExpr?
    /// A `_where` condition: rows where it is not TRUE are not folded.
    public let condition: BoundExpr?
    /// The category of a `_cate` form.
    public let category: BoundExpr?
    /// Which of the three the slot has (kept apart from the expressions: `add` runs per row).
    public let hasValue: Bool
    public let hasCondition: Bool
    public let hasCategory: Bool

    /// The slot `call` reads, or nil when tiles cannot compute the call.
    public init?(_ call: WindowAggregateCall) {
        guard let aggregate = TileAggregate(call.signature) else { return nil }
        func argument(_ position: Int?) -> BoundExpr? {
            position.flatMap { $0 < call.arguments.count ? call.arguments[$0] : nil }
        }
        if aggregate.categoryArgument != nil {
            kind = .categories
        } else if case .distinctCount(let zero) = aggregate.operation {
            kind = .distinct(zero: zero)
        } else {
            kind = .plain
        }
        value = argument(aggregate.valueArgument)
        condition = argument(aggregate.conditionArgument)
        category = argument(aggregate.categoryArgument)
        (hasValue, hasCondition, hasCategory) = (value != nil, condition != nil, category != nil)
    }

    /// The expressions to evaluate per row, in the order `add` takes their values.
    public var arguments: [BoundExpr] { [value, condition, category].compactMap { $0 } }

    /// Whether its partials keep values (distinct sets, categories): merging such a tile costs
    /// in proportion to what it holds, so long frames merge fewer, coarser tiles.
    public var keepsValues: Bool { kind != .plain }

    /// Folds one row into `partial`, given the values of `arguments` for it.
    public func add(_ values: [Value], to partial: inout TilePartial) {
        var next = 0
        func take(_ present: Bool) -> Value? {
            guard present else { return nil }
            defer { next += 1 }
            return values.argument(next)
        }
        let value = take(hasValue)
        let condition = take(hasCondition)
        add(value: value, condition: condition, category: take(hasCategory), to: &partial)
    }

    /// Folds one row into `partial`, given its value, condition and category (nil where the
    /// slot has none): nothing when the condition is not TRUE; a NULL value is not counted (a
    /// distinct slot counts it as its zero), and a category slot counts the value in its
    /// category when neither is NULL.
    public func add(value: Value?, condition: Value?, category: Value?, to partial: inout TilePartial) {
        if let condition, condition.boolValue != true { return }
        guard var value else {
            partial.add(.bool(true))
            return
        }
        switch kind {
        case .plain:
            partial.add(value)
        case .distinct(let zero):
            if value.isNull, let zero { value = zero }
            partial.addDistinct(value)
        case .categories:
            let category = category ?? .null
            guard !category.isNull, !value.isNull else { return }
            partial.addCategory(category, value)
        }
    }

    /// A stable text naming the slot (the same for the same slot in every process): what a
    /// stored tile layout lists.
    public var description: String {
        "\(kind)|\(value.map(String.init(describing:)) ?? "")|\(condition.map(String.init(describing:)) ?? "")|\(category.map(String.init(describing:)) ?? "")"
    }
}
