import TideCore
import TidePlan

/// What a category aggregate computes per category.
enum CategoryOperation: Sendable {
    case aggregate(ConditionalOperation)
    /// (rows where the condition holds) / (rows), for the ratio functions.
    case ratio
}

/// Which categories a category aggregate prints, and in which order.
enum CategoryOutput: Sendable {
    /// Every category, keys ascending (`*_cate`, `*_cate_where`).
    case allByKeyAscending
    /// The n largest keys, descending (`top_n_key_*`); a negative n keeps all.
    case topByKey
    /// The n largest aggregate values (ties: larger key first), descending (`top_n_value_*`).
    case topByValue
}

/// Where a category aggregate finds its arguments.
struct CategoryLayout: Sendable {
    var condition: Int?
    var key: Int
    var bound: Int?

    /// (value, category), (value, cond, category) or (value, cond, category, n).
    init(parameterCount: Int) {
        condition = parameterCount >= 3 ? 1 : nil
        key = parameterCount >= 3 ? 2 : 1
        bound = parameterCount >= 4 ? 3 : nil
    }
}

/// One category's state: its counted rows and the per-category aggregate.
private struct CategoryGroup {
    var rows = 0
    var matched = 0
    var state: OperationState
}

/// The `*_cate*` family: groups the rows by a category column and prints `key:value` pairs
/// joined with commas ('' when no row is counted). A row counts when its category and value
/// are not NULL (and, for the `_where` forms, its condition is TRUE; the ratio functions count
/// every such row and divide the matching ones by all of them). Retractable: a category leaves
/// when its last row does. The categories are kept in key order and each one's printed value
/// is reused until its rows change, so a sliding window prints only the categories a step touched.
struct CategoryAggregator: Aggregator {
    let operation: CategoryOperation
    let output: CategoryOutput
    let layout: CategoryLayout
    let valueType: DataType
    let context: FunctionContext
    /// The categories with counted rows: each one's slot in `groups`, and the slots in
    /// ascending key order (a free slot is nil until a new category takes it).
    private var slotOf: [OrderedValue: Int] = [:]
    private var groups: [CategoryGroup?] = []
    /// Per slot: the printed key, and the printed value and rank until the category's rows change.
    private var keyTexts: [String] = []
    private var printedValues: [(text: String, rank: OrderedValue)?] = []
    /// Per slot, the `key:value` text a result joins, until the category's rows change.
    private var pairTexts = CategoryPairTexts()
    private var freeSlots: [Int] = []
    private var keys: [OrderedValue] = []
    private var keySlots: [Int] = []
    private var limit: Int64 = -1

    init(
        _ operation: CategoryOperation, output: CategoryOutput, layout: CategoryLayout, valueType: DataType,
        context: FunctionContext
    ) {
        self.operation = operation
        self.output = output
        self.layout = layout
        self.valueType = valueType
        self.context = context
    }

    /// The category and whether the condition holds, or nil if the row is not counted.
    private func classify(_ arguments: [Value]) -> (key: OrderedValue, matches: Bool)? {
        let key = arguments.argument(layout.key)
        guard !key.isNull, !arguments.argument(0).isNull else { return nil }
        let matches = layout.condition.map { arguments.isTrue($0) } ?? true
        switch operation {
        case .ratio: return (OrderedValue(key), matches)
        case .aggregate: return matches ? (OrderedValue(key), true) : nil
        }
    }

    private func emptyGroup() -> CategoryGroup {
        switch operation {
        case .ratio: return CategoryGroup(state: OperationState(.count, type: valueType))
        case .aggregate(let op): return CategoryGroup(state: OperationState(op, type: valueType))
        }
    }

    /// Where `key` is, or belongs, in `keys`.
    private func position(of key: OrderedValue) -> Int {
        var low = 0
        var high = keys.count
        while low < high {
            let mid = (low + high) / 2
            if keys[mid] < key { low = mid + 1 } else { high = mid }
        }
        return low
    }

    mutating func update(_ arguments: [Value]) throws {
        if let index = layout.bound, let n = arguments.argument(index).int64Value { limit = n }
        guard let (key, matches) = classify(arguments) else { return }
        let slot: Int
        if let existing = slotOf[key] {
            slot = existing
        } else {
            slot = freeSlots.popLast() ?? groups.count
            if slot == groups.count {
                groups.append(nil)
                keyTexts.append("")
                printedValues.append(nil)
            }
            groups[slot] = emptyGroup()
            keyTexts[slot] = AggregateFormat.text(key.value, context)
            slotOf[key] = slot
            let at = position(of: key)
            keys.insert(key, at: at)
            keySlots.insert(slot, at: at)
        }
        groups[slot]?.rows += 1
        if matches { groups[slot]?.matched += 1 }
        groups[slot]?.state.add(arguments.argument(0))
        printedValues[slot] = nil
        pairTexts.invalidate(slot)
    }

    mutating func retract(_ arguments: [Value]) throws {
        guard let (key, matches) = classify(arguments), let slot = slotOf[key], groups[slot] != nil else { return }
        groups[slot]?.rows -= 1
        if matches { groups[slot]?.matched -= 1 }
        groups[slot]?.state.remove(arguments.argument(0))
        printedValues[slot] = nil
        pairTexts.invalidate(slot)
        if let rows = groups[slot]?.rows, rows > 0 { return }
        groups[slot] = nil
        freeSlots.append(slot)
        slotOf[key] = nil
        let at = position(of: key)
        if at < keys.count, keys[at] == key {
            keys.remove(at: at)
            keySlots.remove(at: at)
        }
    }

    /// The printed value of a category and the value it ranks by.
    private func aggregate(_ group: CategoryGroup) -> (text: String, rank: OrderedValue) {
        switch operation {
        case .ratio:
            let ratio = Double(group.matched) / Double(group.rows)
            return (AggregateFormat.fixed(ratio), OrderedValue(.double(ratio)))
        case .aggregate:
            let value = group.state.result
            return (AggregateFormat.text(value, context), OrderedValue(value))
        }
    }

    /// A category's printed value and rank, computed once per change of its rows.
    private mutating func printed(_ slot: Int) -> (text: String, rank: OrderedValue) {
        if let printed = printedValues[slot] { return printed }
        guard let group = groups[slot] else { return ("", OrderedValue(.null)) }
        let printed = aggregate(group)
        printedValues[slot] = printed
        return printed
    }

    mutating func result() throws -> Value {
        var order: [Int]
        switch output {
        case .allByKeyAscending:
            order = keySlots
        case .topByKey:
            order = keySlots.reversed()
            if limit >= 0 { order = Array(order.prefix(Int(clamping: limit))) }
        case .topByValue:
            // Ranked by value, ties by key, both descending (positions in `keys` order the keys).
            var ranked = keySlots.indices.map { (rank: printed(keySlots[$0]).rank, at: $0) }
            ranked.sort { a, b in a.rank != b.rank ? b.rank < a.rank : b.at < a.at }
            order = ranked.map { keySlots[$0.at] }
            if limit >= 0 { order = Array(order.prefix(Int(clamping: limit))) }
        }
        // Each pair's text is made once per change of its category's rows, then copied.
        for slot in order where !pairTexts.has(slot) {
            pairTexts.set(slot, key: keyTexts[slot], value: printed(slot).text)
        }
        return .string(pairTexts.joined(order))
    }
}

extension AggregateFunctions {
    static func registerCategory(into registry: inout FunctionRegistry) {
        let operations: [(String, CategoryOperation)] = [
            ("count", .aggregate(.count)), ("sum", .aggregate(.sum)), ("avg", .aggregate(.avg)),
            ("min", .aggregate(.min)), ("max", .aggregate(.max)),
        ]
        var names: [(String, CategoryOperation, CategoryOutput)] = []
        for (operation, kind) in operations {
            names.append(("\(operation)_cate", kind, .allByKeyAscending))
            names.append(("\(operation)_cate_where", kind, .allByKeyAscending))
            names.append(("top_n_key_\(operation)_cate_where", kind, .topByKey))
            names.append(("top_n_value_\(operation)_cate_where", kind, .topByValue))
        }
        names.append(("top_n_key_ratio_cate", .ratio, .topByKey))
        names.append(("top_n_value_ratio_cate", .ratio, .topByValue))
        for (name, operation, output) in names {
            registerOverloads(name, into: &registry, retractable: true) { signature in
                let layout = CategoryLayout(parameterCount: signature.parameters.count)
                let type = signature.valueType
                return { CategoryAggregator(operation, output: output, layout: layout, valueType: type, context: $0) }
            }
        }
    }
}
