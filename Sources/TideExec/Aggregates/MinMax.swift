import TideCore
import TidePlan

/// Which end of the order an extreme aggregate reports.
enum Extreme: Sendable {
    case min
    case max
}

/// The values of a column kept sorted, so that min and max survive retraction. Shared by
/// min, max, min_where, max_where, min_cate and max_cate.
struct ExtremeAccumulator {
    let extreme: Extreme
    private var values = OrderedMultiset<OrderedValue>()

    init(_ extreme: Extreme) { self.extreme = extreme }

    var count: Int { values.count }

    mutating func add(_ value: Value) { if !value.isNull { values.insert(OrderedValue(value)) } }
    mutating func remove(_ value: Value) { if !value.isNull { values.remove(OrderedValue(value)) } }

    /// The smallest or largest value, NULL when there is none.
    var result: Value {
        switch extreme {
        case .min: return values.min?.value ?? .null
        case .max: return values.max?.value ?? .null
        }
    }
}

/// min(x) / max(x) over numbers, strings, dates and timestamps; NULL if all values are NULL.
struct ExtremeAggregator: Aggregator {
    private var accumulator: ExtremeAccumulator

    init(_ extreme: Extreme) { accumulator = ExtremeAccumulator(extreme) }

    mutating func update(_ arguments: [Value]) throws { accumulator.add(arguments.argument(0)) }
    mutating func retract(_ arguments: [Value]) throws { accumulator.remove(arguments.argument(0)) }
    func result() throws -> Value { accumulator.result }
}

extension AggregateFunctions {
    static func registerMinMax(into registry: inout FunctionRegistry) {
        registerOverloads("min", into: &registry, retractable: true) { _ in { _ in ExtremeAggregator(.min) } }
        registerOverloads("max", into: &registry, retractable: true) { _ in { _ in ExtremeAggregator(.max) } }
    }
}
