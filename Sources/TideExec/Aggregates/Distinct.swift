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

/// distinct_count(x): the number of distinct values, a NULL counting as its type's zero
/// value (`0`, `''`, `false`, epoch 0), as OpenMLDB's set update takes a non-nullable
/// argument: {4, 4, NULL} → 2 (SEMANTICS.md, function table).
struct DistinctCountAggregator: Aggregator {
    private var counts = ValueCounts()
    /// What a NULL argument counts as (nil for types without a zero value: NULLs are skipped).
    let zero: Value?

    init(zero: Value?) { self.zero = zero }

    mutating func update(_ arguments: [Value]) throws { counts.add(counted(arguments.argument(0))) }
    mutating func retract(_ arguments: [Value]) throws { counts.remove(counted(arguments.argument(0))) }
    func result() throws -> Value { .int64(Int64(counts.counts.count)) }

    private func counted(_ value: Value) -> Value { value.isNull ? zero ?? value : value }

    /// The zero value of a scalar type.
    static func zero(of type: SQLType) -> Value? {
        guard case .scalar(let scalar) = type else { return nil }
        switch scalar {
        case .bool: return .bool(false)
        case .int16: return .int16(0)
        case .int32: return .int32(0)
        case .int64: return .int64(0)
        case .float: return .float(0)
        case .double: return .double(0)
        case .string: return .string("")
        case .date: return .date(0)
        case .timestamp: return .timestamp(0)
        }
    }
}

extension AggregateFunctions {
    static func registerDistinctCount(into registry: inout FunctionRegistry) {
        registerOverloads("distinct_count", into: &registry, retractable: true) { signature in
            let zero = signature.parameters.first.flatMap(DistinctCountAggregator.zero(of:))
            return { _ in DistinctCountAggregator(zero: zero) }
        }
    }
}
