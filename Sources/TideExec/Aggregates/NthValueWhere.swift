import TideCore
import TidePlan

/// nth_value_where(x, idx, cond): x of the idx-th row whose cond is TRUE; idx > 0 counts from
/// the oldest row (1 is the first match), idx < 0 from the newest (-1 is the last match).
/// OpenMLDB semantics: idx = 0 gives NULL, and idx is read once, from the first row with a
/// non-zero one. The
/// matching rows' values (NULLs included) sit in a FIFO buffer, so sliding is O(1) per row.
struct NthValueWhereAggregator: Aggregator {
    private var matches = RowDeque<Value>()
    private var index: Int64?

    mutating func update(_ arguments: [Value]) throws {
        if (index ?? 0) == 0 { index = arguments.argument(1).int64Value }
        if arguments.isTrue(2) { matches.append(arguments.argument(0)) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        if arguments.isTrue(2) { matches.popFirst() }
    }

    func result() throws -> Value {
        guard let index, index != 0 else { return .null }
        if index > 0 { return matches.fromOldest(Int(clamping: index - 1)) ?? .null }
        return matches.fromNewest(index == Int64.min ? Int.max : Int(clamping: -index) - 1) ?? .null
    }
}

extension AggregateFunctions {
    static func registerNthValueWhere(into registry: inout FunctionRegistry) {
        registerOverloads("nth_value_where", into: &registry, retractable: true) { _ in
            { _ in NthValueWhereAggregator() }
        }
    }
}
