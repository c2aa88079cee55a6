import TideCore
import TidePlan

/// The running sum of one numeric (or timestamp) column, integer or floating point by type.
/// Shared by sum, sum_where and sum_cate.
struct NumericAccumulator {
    let type: DataType
    private var integers = WrappingSum()
    private var floats = CompensatedSum()

    init(type: DataType) { self.type = type }

    /// How many values are included.
    var count: Int { type.isFloatingPoint ? floats.count : integers.count }

    mutating func add(_ value: Value) {
        if type.isFloatingPoint {
            if let d = value.doubleValue { floats.add(d) }
        } else if let i = value.int64Value {
            integers.add(i)
        }
    }

    mutating func remove(_ value: Value) {
        if type.isFloatingPoint {
            if let d = value.doubleValue { floats.remove(d) }
        } else if let i = value.int64Value {
            integers.remove(i)
        }
    }

    /// The sum in the input type, NULL when no value is included.
    var sum: Value {
        guard count > 0 else { return .null }
        return type.isFloatingPoint ? .floating(floats.value, as: type) : .integer(integers.value, as: type)
    }

    /// The sum as a double (for averages).
    var doubleSum: Double { type.isFloatingPoint ? floats.value : Double(integers.value) }
}

/// sum(x): the sum of the non-null values in x's type, NULL if there are none.
/// OpenMLDB semantics: integer sums keep the input type and wrap on overflow.
struct SumAggregator: Aggregator {
    private var accumulator: NumericAccumulator

    init(type: DataType) { accumulator = NumericAccumulator(type: type) }

    mutating func update(_ arguments: [Value]) throws { accumulator.add(arguments.argument(0)) }
    mutating func retract(_ arguments: [Value]) throws { accumulator.remove(arguments.argument(0)) }
    func result() throws -> Value { accumulator.sum }
}

extension AggregateFunctions {
    static func registerSum(into registry: inout FunctionRegistry) {
        registerOverloads("sum", into: &registry, retractable: true) { signature in
            let type = signature.valueType
            return { _ in SumAggregator(type: type) }
        }
    }
}
