import TideCore
import TidePlan

/// `count_cate`, `sum_cate`, `avg_cate`, `min_cate`, `max_cate` and their `_where` forms over a
/// string category: what `CategoryAggregator` computes (every category, keys ascending,
/// `key:value` pairs), with the categories coded once instead of hashed at every row that
/// enters or leaves the frame. The values still go through `OperationState` in frame order, so
/// every printed number is the boxed aggregate's (the property tests compare the two). The
/// ratio and top-n forms run boxed. Request windows use it (their reads code strings already);
/// the batch engine keeps the boxed aggregate, which measured no slower on its long partitions.
public struct TypedCategoryKernel: Sendable {
    let operation: ConditionalOperation
    let valueType: DataType
    /// The positions of the category and condition arguments.
    public let keyArgument: Int
    public let conditionArgument: Int?

    private static let operations: [String: ConditionalOperation] = [
        "count": .count, "sum": .sum, "avg": .avg, "min": .min, "max": .max,
    ]

    /// The typed kernel for `signature`, or nil when it runs boxed.
    public init?(_ signature: FunctionSignature) {
        let name = signature.name
        let parameters = signature.parameters.map(\.scalar)
        guard signature.variadic == nil, !parameters.contains(where: { $0 == nil }) else { return nil }
        let hasCondition: Bool
        let stem: Substring
        if name.hasSuffix("_cate_where"), parameters.count == 3 {
            (hasCondition, stem) = (true, name.dropLast("_cate_where".count))
        } else if name.hasSuffix("_cate"), parameters.count == 2 {
            (hasCondition, stem) = (false, name.dropLast("_cate".count))
        } else {
            return nil
        }
        guard let operation = Self.operations[String(stem)] else { return nil }
        let layout = CategoryLayout(parameterCount: parameters.count)
        guard parameters[layout.key] == .string, layout.condition.map({ parameters[$0] == .bool }) ?? true else {
            return nil
        }
        self.operation = operation
        valueType = signature.valueType
        keyArgument = layout.key
        conditionArgument = hasCondition ? layout.condition : nil
    }

    /// The value of every frame of `ranges`.
    /// - Parameters:
    ///   - values: the aggregated argument per row; `conditions`: the condition per row (`_where`).
    ///   - keys: the category per row, coded by bytes (`ColumnValues.stringCodes`; -1 NULL).
    public func run(
        _ ranges: WindowFrameRanges, currentCandidates: [Int?], values: [Value],
        keys: (codes: [Int32], dictionary: [String]), conditions: [Value]?, context: FunctionContext
    ) throws -> [Value] {
        var state = TypedCategoryState(
            kernel: self, values: values, keys: keys, conditions: conditions, context: context)
        return try WindowSlide.run(
            &state, ranges: ranges, currentCandidates: currentCandidates, retractable: true, ignoresFrame: false)
    }
}

/// The sliding state of `TypedCategoryKernel`: per category (strings equal as `String`s share
/// one, as `CategoryAggregator`'s keys do) its counted rows and running aggregate.
struct TypedCategoryState: WindowSlidingState {
    let operation: ConditionalOperation
    let valueType: DataType
    let context: FunctionContext
    let values: [Value]
    let keyCodes: [Int32]
    let dictionary: [String]
    /// Per row: its category's group, or -1 when the row is not counted.
    let groupOfRow: [Int32]
    /// The groups in ascending key order.
    let groupOrder: [Int]
    private var rows: [Int]
    private var states: [OperationState?]
    private var keyTexts: [String]
    private var printed: [String?]

    init(
        kernel: TypedCategoryKernel, values: [Value], keys: (codes: [Int32], dictionary: [String]),
        conditions: [Value]?, context: FunctionContext
    ) {
        operation = kernel.operation
        valueType = kernel.valueType
        self.context = context
        self.values = values
        keyCodes = keys.codes
        dictionary = keys.dictionary
        let (groupOfCode, representatives) = StringEquality.groups(dictionary)
        groupOfRow = keys.codes.indices.map { r in
            let code = keys.codes[r]
            guard code >= 0, r < values.count, !values[r].isNull,
                conditions.map({ r < $0.count && $0[r].boolValue == true }) ?? true
            else { return -1 }
            return groupOfCode[Int(code)]
        }
        groupOrder = representatives.indices.sorted {
            OrderedValue(.string(representatives[$0])) < OrderedValue(.string(representatives[$1]))
        }
        rows = Array(repeating: 0, count: representatives.count)
        states = Array(repeating: nil, count: representatives.count)
        keyTexts = Array(repeating: "", count: representatives.count)
        printed = Array(repeating: nil, count: representatives.count)
    }

    mutating func clear() {
        for g in rows.indices where rows[g] != 0 || states[g] != nil {
            rows[g] = 0
            states[g] = nil
            printed[g] = nil
        }
    }

    mutating func add(_ position: Int) {
        let g = Int(groupOfRow[position])
        guard g >= 0 else { return }
        if rows[g] == 0 {
            states[g] = OperationState(operation, type: valueType)
            // The key as this row writes it (a category that leaves and comes back prints anew).
            keyTexts[g] = AggregateFormat.text(.string(dictionary[Int(keyCodes[position])]), context)
        }
        rows[g] += 1
        states[g]?.add(values[position])
        printed[g] = nil
    }

    mutating func remove(_ position: Int) {
        let g = Int(groupOfRow[position])
        guard g >= 0, rows[g] > 0 else { return }
        rows[g] -= 1
        states[g]?.remove(values[position])
        printed[g] = nil
        if rows[g] == 0 { states[g] = nil }
    }

    mutating func result(adding current: Int?) -> Value {
        if let current {
            var withCurrent = self
            withCurrent.add(current)
            return withCurrent.result(adding: nil)
        }
        for g in groupOrder where rows[g] > 0 && printed[g] == nil {
            printed[g] = AggregateFormat.text(states[g]?.result ?? .null, context)
        }
        let (rows, keyTexts, printed) = (self.rows, self.keyTexts, self.printed)
        return .string(
            AggregateFormat.joinedPairs(
                groupOrder.lazy.filter { rows[$0] > 0 }.map { (keyTexts[$0], printed[$0] ?? "") }))
    }
}
