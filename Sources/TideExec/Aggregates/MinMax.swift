import TideCore
import TidePlan

/// Which end of the order an extreme aggregate reports.
enum Extreme: Sendable {
    case min
    case max
}

/// min and max that survive retraction. Until the first retraction (and always in request
/// mode, which never retracts) values are only appended and the extreme is kept as a running
/// value; the first retraction sorts what was kept into an order-statistics multiset, after
/// which add/remove are O(log n). Shared by min, max, min_where, max_where, min_cate and max_cate.
struct ExtremeAccumulator {
    let extreme: Extreme
    private var pending: [Value] = []
    private var running: Value = .null
    private var sorted: OrderedMultiset<OrderedValue>?

    init(_ extreme: Extreme) { self.extreme = extreme }

    var count: Int { sorted?.count ?? pending.count }

    mutating func add(_ value: Value) {
        guard !value.isNull else { return }
        if sorted != nil {
            sorted?.insert(OrderedValue(value))
            return
        }
        pending.append(value)
        if running.isNull || better(value, than: running) { running = value }
    }

    mutating func remove(_ value: Value) {
        guard !value.isNull else { return }
        if sorted == nil {
            var multiset = OrderedMultiset<OrderedValue>()
            for kept in pending { multiset.insert(OrderedValue(kept)) }
            sorted = multiset
            pending = []
        }
        sorted?.remove(OrderedValue(value))
    }

    private func better(_ value: Value, than current: Value) -> Bool {
        let order = Value.sortOrder(value, current)
        switch extreme {
        case .min: return order < 0
        case .max: return order > 0
        }
    }

    /// The smallest or largest value, NULL when there is none.
    var result: Value {
        guard let sorted else { return running }
        switch extreme {
        case .min: return sorted.min?.value ?? .null
        case .max: return sorted.max?.value ?? .null
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
