import TideCore
import TidePlan

/// The running mean of one numeric column (compensated, so that retracting is exact enough).
/// Shared by avg, avg_where and avg_cate.
struct MeanAccumulator {
    private var sum = CompensatedSum()

    init() {}

    var count: Int { sum.count }

    mutating func add(_ value: Value) { if let d = value.doubleValue { sum.add(d) } }
    mutating func remove(_ value: Value) { if let d = value.doubleValue { sum.remove(d) } }

    /// The mean, nil when no value is included.
    var mean: Double? { sum.count > 0 ? sum.value / Double(sum.count) : nil }
}

/// avg(x): the mean of the non-null values as a double, NULL if there are none.
struct AvgAggregator: Aggregator {
    private var accumulator = MeanAccumulator()

    mutating func update(_ arguments: [Value]) throws { accumulator.add(arguments.argument(0)) }
    mutating func retract(_ arguments: [Value]) throws { accumulator.remove(arguments.argument(0)) }
    func result() throws -> Value { accumulator.mean.map(Value.double) ?? .null }
}

extension AggregateFunctions {
    static func registerAvg(into registry: inout FunctionRegistry) {
        registerOverloads("avg", into: &registry, retractable: true) { _ in { _ in AvgAggregator() } }
    }
}
