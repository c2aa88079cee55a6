import TideCore
import TidePlan

/// An aggregate the batch engine computes over unboxed columns: count, sum, avg, min, max,
/// their `_where` forms and distinct_count, over the types where the typed states give
/// exactly the boxed aggregates' results (the property tests compare the two). Every other
/// aggregate, and these over other types, run boxed through `WindowAggregation`.
public struct TypedWindowKernel: Sendable {
    public enum Operation: Sendable {
        case count
        case sum
        case avg
        case min
        case max
        case distinctCount
    }

    /// What the kernel needs of one argument, for a whole partition in window order.
    public enum ArgumentInput: Sendable {
        /// The column unboxed (`TypedColumn`).
        case column(DataType)
        /// Dense distinct codes (`DistinctCoder`, renumbered per partition by `LocalCodes`).
        case codes(DataType)
    }

    public let operation: Operation
    /// The aggregated argument's position (nil: rows are counted, as count(*)).
    public let value: Int?
    /// The condition argument's position (the `_where` forms).
    public let condition: Int?
    public let valueType: DataType
    /// One per argument of the call.
    public let inputs: [ArgumentInput]

    /// The typed kernel for `signature`, or nil when it runs boxed.
    public init?(_ signature: FunctionSignature) {
        let types = signature.parameters.map(\.scalar)
        guard signature.variadic == nil, !types.contains(where: { $0 == nil }) else { return nil }
        let scalars = types.compactMap { $0 }
        let operation: Operation
        var value: Int? = 0
        var condition: Int?
        switch (signature.name, scalars.count) {
        case ("count", 0): (operation, value) = (.count, nil)
        case ("count", 1): operation = .count
        case ("count_where", 1): (operation, value, condition) = (.count, nil, 0)
        case ("count_where", 2): (operation, condition) = (.count, 1)
        case ("sum", 1): operation = .sum
        case ("sum_where", 2): (operation, condition) = (.sum, 1)
        case ("avg", 1): operation = .avg
        case ("avg_where", 2): (operation, condition) = (.avg, 1)
        case ("min", 1): operation = .min
        case ("min_where", 2): (operation, condition) = (.min, 1)
        case ("max", 1): operation = .max
        case ("max_where", 2): (operation, condition) = (.max, 1)
        case ("distinct_count", 1): operation = .distinctCount
        default: return nil
        }
        if let condition, scalars[condition] != .bool { return nil }
        let valueType = value.map { scalars[$0] } ?? .double
        switch operation {
        case .count, .distinctCount: break
        case .sum, .avg: guard Self.summable(valueType) else { return nil }
        case .min, .max: guard Self.summable(valueType) || valueType == .date else { return nil }
        }
        self.operation = operation
        self.value = value
        self.condition = condition
        self.valueType = valueType
        inputs = scalars.map { operation == .distinctCount ? .codes($0) : .column($0) }
    }

    /// Types whose sums and means the typed states compute exactly as the boxed ones.
    private static func summable(_ type: DataType) -> Bool {
        switch type {
        case .int16, .int32, .int64, .float, .double, .timestamp: return true
        case .bool, .string, .date: return false
        }
    }

    /// The value of every frame of `ranges`.
    /// - Parameters:
    ///   - columns: per argument, its unboxed column in partition order (`.column` inputs).
    ///   - codes: the value's codes in partition order and how many there are (`.codes` input).
    public func run(
        _ ranges: WindowFrameRanges, currentCandidates: [Int?], columns: [TypedColumn?],
        codes: (codes: [Int32], count: Int32)?
    ) throws -> [Value] {
        func slide(_ state: inout some WindowSlidingState) throws -> [Value] {
            try WindowSlide.run(
                &state, ranges: ranges, currentCandidates: currentCandidates, retractable: true, ignoresFrame: false)
        }
        if operation == .distinctCount {
            guard let codes else { throw TideError.internal("distinct_count without codes") }
            var state = TypedDistinctState(codes: codes.codes, codeCount: codes.count)
            return try slide(&state)
        }
        let column = value.flatMap { columns[$0] } ?? condition.flatMap { columns[$0] }
        if value != nil || condition != nil, column == nil {
            throw TideError.internal("typed \(operation) without its column")
        }
        // count(*) counts every row: the partition's rows are the candidates and emitted rows.
        let rowCount = column?.count ?? (max(ranges.candidates.last ?? -1, ranges.frames.last?.row ?? -1) + 1)
        var counted = value.flatMap { columns[$0]?.valid } ?? [Bool](repeating: true, count: rowCount)
        if let condition, let truths = columns[condition] {
            for p in counted.indices where counted[p] { counted[p] = truths.isTrue(p) }
        }
        let type = valueType
        guard let column else {
            var state = TypedCountState(counted: counted)
            return try slide(&state)
        }
        switch (operation, column.representation) {
        case (.count, _):
            var state = TypedCountState(counted: counted)
            return try slide(&state)
        case (.sum, .floats):
            var state = TypedFloatSumState(values: column.floats, counted: counted, sumType: type)
            return try slide(&state)
        case (.sum, .integers):
            var state = TypedIntegerSumState(values: column.integers, counted: counted, sumType: type)
            return try slide(&state)
        case (.avg, .floats):
            var state = TypedFloatSumState(values: column.floats, counted: counted, sumType: nil)
            return try slide(&state)
        case (.avg, .integers):
            var state = TypedFloatSumState(values: column.integers.map(Double.init), counted: counted, sumType: nil)
            return try slide(&state)
        case (.min, .floats), (.max, .floats):
            var state = TypedExtremeState<FloatExtremeOrder>(
                values: column.floats, counted: counted, extreme: operation == .min ? .min : .max
            ) { .floating($0, as: type) }
            return try slide(&state)
        case (.min, .integers), (.max, .integers):
            var state = TypedExtremeState<IntegerExtremeOrder>(
                values: column.integers, counted: counted, extreme: operation == .min ? .min : .max
            ) { .integer($0, as: type) }
            return try slide(&state)
        case (.sum, .presence), (.avg, .presence), (.min, .presence), (.max, .presence), (.distinctCount, _):
            throw TideError.internal("typed \(operation) over a \(type) column")
        }
    }
}
