import TideCore
import TidePlan

/// Occurrence counts per distinct non-null value, with O(1) add and remove. Shared by
/// distinct_count and entropy.
struct ValueCounts {
    private(set) var counts: [OrderedValue: Int] = [:]
    /// Non-null values included, repeats counted.
    private(set) var total = 0

    init() {}

    /// Adds one occurrence; returns the value's new count (0 for NULL, which is skipped).
    @discardableResult
    mutating func add(_ value: Value) -> Int {
        guard !value.isNull else { return 0 }
        total += 1
        let key = OrderedValue(value)
        let next = counts[key, default: 0] + 1
        counts[key] = next
        return next
    }

    /// Removes one occurrence; returns the value's count before removal (0 if absent).
    @discardableResult
    mutating func remove(_ value: Value) -> Int {
        guard !value.isNull else { return 0 }
        let key = OrderedValue(value)
        guard let current = counts[key] else { return 0 }
        total -= 1
        counts[key] = current > 1 ? current - 1 : nil
        return current
    }
}

/// distinct_count(x): the number of distinct non-null values.
struct DistinctCountAggregator: Aggregator {
    private var counts = ValueCounts()

    mutating func update(_ arguments: [Value]) throws { counts.add(arguments.argument(0)) }
    mutating func retract(_ arguments: [Value]) throws { counts.remove(arguments.argument(0)) }
    func result() throws -> Value { .int64(Int64(counts.counts.count)) }
}

extension AggregateFunctions {
    static func registerDistinctCount(into registry: inout FunctionRegistry) {
        registerOverloads("distinct_count", into: &registry, retractable: true) { _ in
            { _ in DistinctCountAggregator() }
        }
    }
}
