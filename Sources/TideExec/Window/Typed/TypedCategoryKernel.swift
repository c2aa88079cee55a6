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
    ///   - values: the aggregated argument per row (a read's column, unboxed or not);
    ///     `conditions`: the condition per row (`_where`).
    ///   - keys: the category per row, coded by bytes (`ColumnValues.stringCodes`; -1 NULL).
    public func run(
        _ ranges: WindowFrameRanges, currentCandidates: [Int?], values: ColumnValues,
        keys: (codes: [Int32], dictionary: [String]), conditions: [Value]?, context: FunctionContext
    ) throws -> [Value] {
        var state = TypedCategoryState(
            kernel: self, values: values, keys: keys, conditions: conditions, context: context)
        return try WindowSlide.run(
            &state, ranges: ranges, currentCandidates: currentCandidates, retractable: true, ignoresFrame: false)
    }
}

/// The sliding state of `TypedCategoryKernel`: per category (strings equal as `String`s share
/// one, as `CategoryAggregator`'s keys do) its counted rows and running aggregate. Only the
/// categories the key column holds are grouped and ordered (an online read's dictionary also
/// holds the other string columns' values). count, sum and avg of double values keep a
/// compensated sum per category instead of an `OperationState`: the same arithmetic on the
/// same values in the same order, so the same results.
struct TypedCategoryState: WindowSlidingState {
    let operation: ConditionalOperation
    let valueType: DataType
    let context: FunctionContext
    /// The values boxed, when the operation keeps `states` (empty otherwise).
    let values: [Value]
    /// The values unboxed, when the operation keeps `sums` (empty otherwise).
    let doubles: [Double]
    let keyCodes: [Int32]
    let dictionary: [String]
    /// Per row: its category's group, or -1 when the row is not counted.
    let groupOfRow: [Int32]
    /// The groups in ascending key order.
    let groupOrder: [Int]
    private var rows: [Int]
    private var states: [OperationState?]
    private var sums: [CompensatedSum]
    private var keyTexts: [String]
    private var printed: [String?]

    init(
        kernel: TypedCategoryKernel, values column: ColumnValues, keys: (codes: [Int32], dictionary: [String]),
        conditions: [Value]?, context: FunctionContext
    ) {
        operation = kernel.operation
        valueType = kernel.valueType
        self.context = context
        let unboxed = Self.unboxedDoubles(column, operation: operation, type: valueType)
        let values = unboxed == nil ? column.values : []
        self.values = values
        doubles = unboxed?.values ?? []
        let present = unboxed?.valid
        let rowCount = column.count
        keyCodes = keys.codes
        dictionary = keys.dictionary
        // The codes the key column uses, grouped by String equality.
        var groupOfCode = [Int32](repeating: -1, count: keys.dictionary.count)
        var usedCodes: [Int] = []
        for code in keys.codes where code >= 0 && groupOfCode[Int(code)] == -1 {
            groupOfCode[Int(code)] = 0
            usedCodes.append(Int(code))
        }
        let (groupOfUsed, representatives) = StringEquality.groups(usedCodes.map { keys.dictionary[$0] })
        for (i, code) in usedCodes.enumerated() { groupOfCode[code] = groupOfUsed[i] }
        groupOfRow = keys.codes.indices.map { r in
            let code = keys.codes[r]
            guard code >= 0, r < rowCount, present.map({ $0[r] }) ?? !values[r].isNull,
                conditions.map({ r < $0.count && $0[r].boolValue == true }) ?? true
            else { return -1 }
            return groupOfCode[Int(code)]
        }
        groupOrder = representatives.indices.sorted {
            OrderedValue(.string(representatives[$0])) < OrderedValue(.string(representatives[$1]))
        }
        rows = Array(repeating: 0, count: representatives.count)
        states = Array(repeating: nil, count: representatives.count)
        sums = Array(repeating: CompensatedSum(), count: doubles.isEmpty ? 0 : representatives.count)
        keyTexts = Array(repeating: "", count: representatives.count)
        printed = Array(repeating: nil, count: representatives.count)
    }

    /// The values as doubles, with which are not NULL, when count, sum or avg of a double
    /// column; else nil.
    private static func unboxedDoubles(_ column: ColumnValues, operation: ConditionalOperation, type: DataType)
        -> (values: [Double], valid: [Bool])?
    {
        guard type == .double, column.count > 0 else { return nil }
        switch operation {
        case .count, .sum, .avg: break
        case .min, .max: return nil
        }
        switch column {
        case .floats(let values, let valid, .double): return (values, valid)
        case .boxed(let values): return TypedColumn(values, type: .double).map { ($0.floats, $0.valid) }
        case .floats, .integers, .strings: return nil
        }
    }

    mutating func clear() {
        for g in rows.indices where rows[g] != 0 || states[g] != nil || printed[g] != nil {
            rows[g] = 0
            states[g] = nil
            printed[g] = nil
            if !sums.isEmpty { sums[g] = CompensatedSum() }
        }
    }

    mutating func add(_ position: Int) {
        let g = Int(groupOfRow[position])
        guard g >= 0 else { return }
        if rows[g] == 0 {
            if sums.isEmpty { states[g] = OperationState(operation, type: valueType) }
            // The key as this row writes it (a category that leaves and comes back prints anew).
            keyTexts[g] = AggregateFormat.text(.string(dictionary[Int(keyCodes[position])]), context)
        }
        rows[g] += 1
        if sums.isEmpty { states[g]?.add(values[position]) } else { sums[g].add(doubles[position]) }
        printed[g] = nil
    }

    mutating func remove(_ position: Int) {
        let g = Int(groupOfRow[position])
        guard g >= 0, rows[g] > 0 else { return }
        rows[g] -= 1
        if sums.isEmpty { states[g]?.remove(values[position]) } else { sums[g].remove(doubles[position]) }
        printed[g] = nil
        if rows[g] == 0 {
            states[g] = nil
            if !sums.isEmpty { sums[g] = CompensatedSum() }
        }
    }

    /// Group `g`'s aggregate (it holds rows).
    private func value(_ g: Int) -> Value {
        guard !sums.isEmpty else { return states[g]?.result ?? .null }
        // As OperationState's count, NumericAccumulator's double sum and MeanAccumulator's mean.
        let sum = sums[g]
        switch operation {
        case .count: return .int64(Int64(sum.count))
        case .sum: return sum.count > 0 ? .floating(sum.value, as: valueType) : .null
        case .avg: return sum.count > 0 ? .double(sum.value / Double(sum.count)) : .null
        case .min, .max: return .null
        }
    }

    /// Without copying the state for the current row (`result(adding:)`); with `sums`, in one
    /// tight pass over the rows.
    mutating func result(over positions: ArraySlice<Int>, adding current: Int?) -> Value {
        clear()
        guard !sums.isEmpty else {
            for position in positions { add(position) }
            if let current { add(current) }
            return result(adding: nil)
        }
        // Each category's first row, whose text of the key is the one printed.
        var first = [Int](repeating: -1, count: rows.count)
        rows.withUnsafeMutableBufferPointer { counts in
            sums.withUnsafeMutableBufferPointer { groupSums in
                groupOfRow.withUnsafeBufferPointer { groups in
                    doubles.withUnsafeBufferPointer { values in
                        func take(_ position: Int) {
                            let g = Int(groups[position])
                            guard g >= 0 else { return }
                            if counts[g] == 0 { first[g] = position }
                            counts[g] += 1
                            groupSums[g].add(values[position])
                        }
                        for position in positions { take(position) }
                        if let current { take(current) }
                    }
                }
            }
        }
        for (g, position) in first.enumerated() where position >= 0 {
            keyTexts[g] = AggregateFormat.text(.string(dictionary[Int(keyCodes[position])]), context)
        }
        return result(adding: nil)
    }

    mutating func result(adding current: Int?) -> Value {
        if let current {
            var withCurrent = self
            withCurrent.add(current)
            return withCurrent.result(adding: nil)
        }
        for g in groupOrder where rows[g] > 0 && printed[g] == nil {
            printed[g] = AggregateFormat.text(value(g), context)
        }
        let (rows, keyTexts, printed) = (self.rows, self.keyTexts, self.printed)
        return .string(
            AggregateFormat.joinedPairs(
                groupOrder.lazy.filter { rows[$0] > 0 }.map { (keyTexts[$0], printed[$0] ?? "") }))
    }
}
