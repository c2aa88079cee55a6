import TideCore
import TidePlan

/// A value with its occurrence count, ordered most frequent first, ties by value ascending.
struct FrequencyEntry: Comparable {
    var count: Int
    var key: OrderedValue

    static func < (lhs: FrequencyEntry, rhs: FrequencyEntry) -> Bool {
        lhs.count != rhs.count ? lhs.count > rhs.count : lhs.key < rhs.key
    }
}

/// topn_frequency(x, n): the n most frequent non-null values (ties: smaller value first),
/// joined with commas. OpenMLDB semantics: when fewer than n values exist the list is padded
/// with 'NULL'; n = 0 gives ''; n is capped at 1024 and a negative n (read as unsigned) means
/// 1024.
struct TopNFrequencyAggregator: Aggregator {
    static let maximumN = 1024
    let context: FunctionContext
    private var counts: [OrderedValue: Int] = [:]
    private var ranking = OrderedMultiset<FrequencyEntry>()
    private var n: Int64 = 0

    init(context: FunctionContext) { self.context = context }

    mutating func update(_ arguments: [Value]) throws {
        if let requested = arguments.argument(1).int64Value { n = requested }
        let value = arguments.argument(0)
        guard !value.isNull else { return }
        let key = OrderedValue(value)
        let old = counts[key, default: 0]
        if old > 0 { ranking.remove(FrequencyEntry(count: old, key: key)) }
        counts[key] = old + 1
        ranking.insert(FrequencyEntry(count: old + 1, key: key))
    }

    mutating func retract(_ arguments: [Value]) throws {
        let value = arguments.argument(0)
        guard !value.isNull else { return }
        let key = OrderedValue(value)
        guard let old = counts[key] else { return }
        ranking.remove(FrequencyEntry(count: old, key: key))
        if old > 1 {
            counts[key] = old - 1
            ranking.insert(FrequencyEntry(count: old - 1, key: key))
        } else {
            counts[key] = nil
        }
    }

    func result() throws -> Value {
        guard n != 0 else { return .string("") }
        let wanted = n < 0 ? Self.maximumN : Int(Swift.min(n, Int64(Self.maximumN)))
        var pieces: [String] = []
        ranking.forEachAscending { entry, _ in
            pieces.append(AggregateFormat.text(entry.key.value, context))
            return pieces.count < wanted
        }
        while pieces.count < wanted { pieces.append("NULL") }
        return .string(pieces.joined(separator: ","))
    }
}

/// top1_ratio(x): occurrences of the most frequent non-null value divided by the number of
/// non-null values; 0 (not NULL) when there are none. Counts of counts keep the maximum
/// available after a retraction in O(1).
struct Top1RatioAggregator: Aggregator {
    private var counts = ValueCounts()
    private var keysWithCount: [Int: Int] = [:]
    private var maximum = 0

    private mutating func move(from old: Int, to new: Int) {
        if old > 0 { keysWithCount[old, default: 0] -= 1 }
        if new > 0 { keysWithCount[new, default: 0] += 1 }
        if new > maximum { maximum = new }
        if old == maximum, keysWithCount[old, default: 0] == 0 { maximum = new }
    }

    mutating func update(_ arguments: [Value]) throws {
        let c = counts.add(arguments.argument(0))
        if c > 0 { move(from: c - 1, to: c) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        let c = counts.remove(arguments.argument(0))
        if c > 0 { move(from: c, to: c - 1) }
    }

    func result() throws -> Value {
        counts.total > 0 ? .double(Double(maximum) / Double(counts.total)) : .double(0)
    }
}

extension AggregateFunctions {
    static func registerFrequency(into registry: inout FunctionRegistry) {
        registerOverloads("topn_frequency", into: &registry, retractable: true) { _ in
            { TopNFrequencyAggregator(context: $0) }
        }
        registerOverloads("top1_ratio", into: &registry, retractable: true) { _ in { _ in Top1RatioAggregator() } }
    }
}
