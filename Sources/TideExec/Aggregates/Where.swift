import TideCore
import TidePlan

/// What a conditional aggregate computes over the rows whose condition is TRUE.
enum ConditionalOperation: Sendable {
    case count
    case sum
    case avg
    case min
    case max
}

/// The running state behind one operation of the conditional and category families; `add`
/// and `remove` take the value of a row that is counted (its condition held).
struct OperationState {
    private enum Storage {
        case count(Int64)
        case sum(NumericAccumulator)
        case avg(MeanAccumulator)
        case extreme(ExtremeAccumulator)
    }

    private var storage: Storage

    init(_ operation: ConditionalOperation, type: DataType) {
        switch operation {
        case .count: storage = .count(0)
        case .sum: storage = .sum(NumericAccumulator(type: type))
        case .avg: storage = .avg(MeanAccumulator())
        case .min: storage = .extreme(ExtremeAccumulator(.min))
        case .max: storage = .extreme(ExtremeAccumulator(.max))
        }
    }

    mutating func add(_ value: Value) {
        guard !value.isNull else { return }
        switch storage {
        case .count(let n): storage = .count(n + 1)
        case .sum(var s):
            s.add(value)
            storage = .sum(s)
        case .avg(var a):
            a.add(value)
            storage = .avg(a)
        case .extreme(var e):
            e.add(value)
            storage = .extreme(e)
        }
    }

    mutating func remove(_ value: Value) {
        guard !value.isNull else { return }
        switch storage {
        case .count(let n): storage = .count(n - 1)
        case .sum(var s):
            s.remove(value)
            storage = .sum(s)
        case .avg(var a):
            a.remove(value)
            storage = .avg(a)
        case .extreme(var e):
            e.remove(value)
            storage = .extreme(e)
        }
    }

    /// The aggregate: a count (int64), a sum in the input type, a double mean, or the extreme
    /// value; NULL for an empty sum, mean or extreme.
    var result: Value {
        switch storage {
        case .count(let n): return .int64(n)
        case .sum(let s): return s.sum
        case .avg(let a): return a.mean.map(Value.double) ?? .null
        case .extreme(let e): return e.result
        }
    }
}

/// count_where / sum_where / avg_where / min_where / max_where (x, cond): the aggregate over
/// the rows where cond is TRUE (NULL counts as false) and x is not NULL.
/// count_where(*, cond) is registered as count_where(cond) and counts rows.
struct WhereAggregator: Aggregator {
    let valueArgument: Int?
    let conditionArgument: Int
    private var state: OperationState

    init(_ operation: ConditionalOperation, type: DataType, countsRows: Bool) {
        valueArgument = countsRows ? nil : 0
        conditionArgument = countsRows ? 0 : 1
        state = OperationState(operation, type: type)
    }

    private func counted(_ arguments: [Value]) -> Value? {
        guard arguments.isTrue(conditionArgument) else { return nil }
        guard let index = valueArgument else { return .bool(true) }
        return arguments.argument(index)
    }

    mutating func update(_ arguments: [Value]) throws { if let v = counted(arguments) { state.add(v) } }
    mutating func retract(_ arguments: [Value]) throws { if let v = counted(arguments) { state.remove(v) } }
    func result() throws -> Value { state.result }
}

extension AggregateFunctions {
    static func registerWhere(into registry: inout FunctionRegistry) {
        let operations: [(String, ConditionalOperation)] = [
            ("count_where", .count), ("sum_where", .sum), ("avg_where", .avg), ("min_where", .min),
            ("max_where", .max),
        ]
        for (name, operation) in operations {
            registerOverloads(name, into: &registry, retractable: true) { signature in
                let type = signature.valueType
                let countsRows = signature.parameters.count == 1
                return { _ in WhereAggregator(operation, type: type, countsRows: countsRows) }
            }
        }
    }
}
