import TideCore
import TidePlan

/// A long-window aggregate computed from tiles: count, sum, avg, min, max, their `_where`
/// forms, distinct_count and the `_cate` / `_cate_where` forms. It folds a row's argument values
/// into a partial (through its `TileSlot`) and turns the merged partial of a frame into the aggregate's value
/// exactly as the row-by-row aggregate does (`result`).
public struct TileAggregate: Sendable, Hashable {
    enum Operation: Sendable, Hashable {
        case count
        case sum
        case avg
        case min
        case max
        /// distinct_count: a NULL counts as the type's zero value (nil: skipped).
        case distinctCount(zero: Value?)
    }

    let operation: Operation
    /// The position of the counted value among the arguments (nil: count(*) and
    /// count_where(cond) count rows).
    let valueArgument: Int?
    /// The position of a `_where` condition.
    let conditionArgument: Int?
    /// The position of the category of a `_cate` form.
    let categoryArgument: Int?
    let valueType: DataType

    /// The functions tiles compute.
    public static let functions: Set<String> = {
        var names: Set<String> = ["distinct_count"]
        for operation in ["count", "sum", "avg", "min", "max"] {
            names.formUnion([operation, "\(operation)_where", "\(operation)_cate", "\(operation)_cate_where"])
        }
        return names
    }()

    /// The tile form of `signature`, or nil when tiles cannot compute it.
    public init?(_ signature: FunctionSignature) {
        var name = signature.name.lowercased()
        guard Self.functions.contains(name) else { return nil }
        let isWhere = name.hasSuffix("_where")
        if isWhere { name = String(name.dropLast("_where".count)) }
        let isCategory = name.hasSuffix("_cate")
        if isCategory { name = String(name.dropLast("_cate".count)) }
        switch name {
        case "count": operation = .count
        case "sum": operation = .sum
        case "avg": operation = .avg
        case "min": operation = .min
        case "max": operation = .max
        case "distinct_count":
            operation = .distinctCount(zero: signature.parameters.first.flatMap(DistinctCountAggregator.zero(of:)))
        default: return nil
        }
        let parameters = signature.parameters.count
        switch (isCategory, isWhere) {
        case (true, true):
            // x_cate_where(value, condition, category)
            (valueArgument, conditionArgument, categoryArgument) = (0, 1, 2)
        case (true, false):
            (valueArgument, conditionArgument, categoryArgument) = (0, nil, 1)
        case (false, true):
            valueArgument = parameters == 1 ? nil : 0
            conditionArgument = parameters == 1 ? 0 : 1
            categoryArgument = nil
        case (false, false):
            valueArgument = parameters == 0 ? nil : 0
            (conditionArgument, categoryArgument) = (nil, nil)
        }
        valueType = signature.valueType
    }

    /// The aggregate over everything `partial` counted.
    public func result(_ partial: TilePartial, context: FunctionContext) -> Value {
        guard categoryArgument != nil else { return value(partial) }
        // As CategoryAggregator prints: categories ascending, `key:value` joined by commas.
        let entries = partial.categoryPartials.sorted { $0.key < $1.key }
        return .string(
            AggregateFormat.joinPairs(
                entries.lazy.map {
                    (
                        key: AggregateFormat.text($0.key.value, context),
                        value: AggregateFormat.text(value($0.value), context)
                    )
                }))
    }

    private func value(_ partial: TilePartial) -> Value {
        switch operation {
        case .count: return .int64(partial.count)
        case .sum:
            guard partial.count > 0 else { return .null }
            return valueType.isFloatingPoint
                ? .floating(partial.doubleSum, as: valueType) : .integer(partial.integerSum, as: valueType)
        case .avg: return partial.count > 0 ? .double(partial.doubleSum / Double(partial.count)) : .null
        case .min: return partial.minimum
        case .max: return partial.maximum
        case .distinctCount: return .int64(Int64(partial.distinctCount))
        }
    }
}
