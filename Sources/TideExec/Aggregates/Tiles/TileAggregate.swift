import TideCore
import TidePlan

/// A long-window aggregate computed from tiles: count, sum, avg, min, max and their `_where`
/// forms. It says which value a row contributes (`counted`) and turns the merged partial of a
/// frame into the aggregate's value exactly as the row-by-row aggregate does (`result`).
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
    let valueType: DataType

    /// The functions tiles compute.
    public static let functions: Set<String> = [
        "count", "sum", "avg", "min", "max", "count_where", "sum_where", "avg_where", "min_where", "max_where",
        "distinct_count",
    ]

    /// The tile form of `signature`, or nil when tiles cannot compute it.
    public init?(_ signature: FunctionSignature) {
        let name = signature.name.lowercased()
        guard Self.functions.contains(name) else { return nil }
        let isWhere = name.hasSuffix("_where")
        switch isWhere ? String(name.dropLast("_where".count)) : name {
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
        if isWhere {
            valueArgument = parameters == 1 ? nil : 0
            conditionArgument = parameters == 1 ? 0 : 1
        } else {
            valueArgument = parameters == 0 ? nil : 0
            conditionArgument = nil
        }
        valueType = signature.valueType
    }

    /// The value a row with these argument values contributes, or nil when it contributes
    /// nothing (its condition is not TRUE). A NULL value is not counted by `TilePartial`.
    public func counted(_ arguments: [Value]) -> Value? {
        if let conditionArgument, !arguments.isTrue(conditionArgument) { return nil }
        guard let valueArgument else { return .bool(true) }
        let value = arguments.argument(valueArgument)
        if case .distinctCount(let zero) = operation, value.isNull { return zero ?? value }
        return value
    }

    /// Adds a counted value to a partial of this aggregate.
    public func add(_ value: Value, to partial: inout TilePartial) {
        if case .distinctCount = operation { partial.addDistinct(value) } else { partial.add(value) }
    }

    /// The aggregate over everything `partial` counted.
    public func result(_ partial: TilePartial) -> Value {
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
