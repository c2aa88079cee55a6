import TideCore
import TidePlan

/// top(x, k): the k largest non-null values, largest first, repeats kept, joined with commas
/// ("4,4,3"); '' when there are none or k <= 0. Values print as OpenMLDB prints them.
struct TopAggregator: Aggregator {
    let context: FunctionContext
    private var values = OrderedMultiset<OrderedValue>()
    private var limit: Int64 = 0

    init(context: FunctionContext) { self.context = context }

    mutating func update(_ arguments: [Value]) throws {
        if let k = arguments.argument(1).int64Value { limit = k }
        let value = arguments.argument(0)
        if !value.isNull { values.insert(OrderedValue(value)) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        let value = arguments.argument(0)
        if !value.isNull { values.remove(OrderedValue(value)) }
    }

    func result() throws -> Value {
        // Never below 0, so taking a count off cannot overflow (k may be Int64.min).
        var remaining = Swift.max(limit, 0)
        guard remaining > 0 else { return .string("") }
        var pieces: [String] = []
        values.forEachDescending { key, count in
            let text = AggregateFormat.text(key.value, context)
            for _ in 0..<Int(Swift.min(Int64(count), remaining)) { pieces.append(text) }
            remaining -= Int64(count)
            return remaining > 0
        }
        return .string(pieces.joined(separator: ","))
    }
}

extension AggregateFunctions {
    static func registerTop(into registry: inout FunctionRegistry) {
        registerOverloads("top", into: &registry, retractable: true) { _ in { TopAggregator(context: $0) } }
    }
}
