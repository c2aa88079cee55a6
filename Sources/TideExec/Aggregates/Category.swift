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
/// when its last row does.
struct CategoryAggregator: Aggregator {
    let operation: CategoryOperation
    let output: CategoryOutput
    let layout: CategoryLayout
    let valueType: DataType
    let context: FunctionContext
    private var groups: [OrderedValue: CategoryGroup] = [:]
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

    mutating func update(_ arguments: [Value]) throws {
        if let index = layout.bound, let n = arguments.argument(index).int64Value { limit = n }
        guard let (key, matches) = classify(arguments) else { return }
        var group = groups[key] ?? emptyGroup()
        group.rows += 1
        if matches { group.matched += 1 }
        group.state.add(arguments.argument(0))
        groups[key] = group
    }

    mutating func retract(_ arguments: [Value]) throws {
        guard let (key, matches) = classify(arguments), var group = groups[key] else { return }
        group.rows -= 1
        if matches { group.matched -= 1 }
        group.state.remove(arguments.argument(0))
        groups[key] = group.rows > 0 ? group : nil
    }

    /// The printed value of a category and the value it ranks by.
    private func aggregate(_ group: CategoryGroup) -> (text: String, rank: Value) {
        switch operation {
        case .ratio:
            let ratio = Double(group.matched) / Double(group.rows)
            return (AggregateFormat.fixed(ratio), .double(ratio))
        case .aggregate:
            let value = group.state.result
            return (AggregateFormat.text(value, context), value)
        }
    }

    func result() throws -> Value {
        var entries = groups.map { key, group in
            let (text, rank) = aggregate(group)
            return (key: key, text: text, rank: OrderedValue(rank))
        }
        switch output {
        case .allByKeyAscending:
            entries.sort { $0.key < $1.key }
        case .topByKey:
            entries.sort { $1.key < $0.key }
            if limit >= 0 { entries = Array(entries.prefix(Int(clamping: limit))) }
        case .topByValue:
            entries.sort { $0.rank != $1.rank ? $1.rank < $0.rank : $1.key < $0.key }
            if limit >= 0 { entries = Array(entries.prefix(Int(clamping: limit))) }
        }
        return .string(
            AggregateFormat.joinPairs(
                entries.lazy.map { (key: AggregateFormat.text($0.key.value, context), value: $0.text) }))
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
