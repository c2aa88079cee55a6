import TideCore

/// sum, avg, sum_where, avg_where over float or double values: the same compensated running
/// sum as the boxed aggregates, so the results are bit for bit theirs.
struct TypedFloatSumState: WindowSlidingState {
    let values: [Double]
    let counted: [Bool]
    /// nil for the mean; otherwise the sum's type.
    let sumType: DataType?
    private var sum = CompensatedSum()

    init(values: [Double], counted: [Bool], sumType: DataType?) {
        self.values = values
        self.counted = counted
        self.sumType = sumType
    }

    mutating func clear() { sum = CompensatedSum() }
    mutating func add(_ position: Int) { if counted[position] { sum.add(values[position]) } }
    mutating func remove(_ position: Int) { if counted[position] { sum.remove(values[position]) } }

    func result(adding current: Int?) -> Value {
        var total = sum
        if let current, counted[current] { total.add(values[current]) }
        return value(of: total)
    }

    func result(over positions: ArraySlice<Int>, adding current: Int?) -> Value {
        var total = CompensatedSum()
        for position in positions where counted[position] { total.add(values[position]) }
        if let current, counted[current] { total.add(values[current]) }
        return value(of: total)
    }

    private func value(of total: CompensatedSum) -> Value {
        guard total.count > 0 else { return .null }
        guard let sumType else { return .double(total.value / Double(total.count)) }
        return .floating(total.value, as: sumType)
    }
}

/// sum and sum_where over integer-like values: a wrapping Int64 sum in the input type.
/// (The mean of integers is a TypedFloatSumState over their Double values, as the boxed avg.)
struct TypedIntegerSumState: WindowSlidingState {
    let values: [Int64]
    let counted: [Bool]
    let sumType: DataType
    private var sum = WrappingSum()

    init(values: [Int64], counted: [Bool], sumType: DataType) {
        self.values = values
        self.counted = counted
        self.sumType = sumType
    }

    mutating func clear() { sum = WrappingSum() }
    mutating func add(_ position: Int) { if counted[position] { sum.add(values[position]) } }
    mutating func remove(_ position: Int) { if counted[position] { sum.remove(values[position]) } }

    func result(adding current: Int?) -> Value {
        var total = sum
        if let current, counted[current] { total.add(values[current]) }
        return total.count > 0 ? .integer(total.value, as: sumType) : .null
    }

    func result(over positions: ArraySlice<Int>, adding current: Int?) -> Value {
        var total = WrappingSum()
        for position in positions where counted[position] { total.add(values[position]) }
        if let current, counted[current] { total.add(values[current]) }
        return total.count > 0 ? .integer(total.value, as: sumType) : .null
    }
}
