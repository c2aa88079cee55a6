import TideCore
import TidePlan

/// median(x), percentile(x, p), quantile(x, p) over the non-null values, kept in an
/// order-statistics tree so that sliding windows stay O(log n) per row.
struct QuantileAggregator: Aggregator {
    /// nil for median; otherwise the argument index of p.
    let fractionArgument: Int?
    private var values = OrderedMultiset<OrderedDouble>()
    private var fraction: Value = .null

    init(fractionArgument: Int?) { self.fractionArgument = fractionArgument }

    mutating func update(_ arguments: [Value]) throws {
        if let index = fractionArgument { fraction = arguments.argument(index) }
        if let x = arguments.argument(0).doubleValue { values.insert(OrderedDouble(x)) }
    }

    mutating func retract(_ arguments: [Value]) throws {
        if let x = arguments.argument(0).doubleValue { values.remove(OrderedDouble(x)) }
    }

    func result() throws -> Value {
        let n = values.count
        guard n > 0 else { return .null }
        if values.max?.value.isNaN == true { return .double(.nan) }
        guard fractionArgument != nil else { return median(n) }
        if fraction.isNull { return .null }
        guard let p = fraction.doubleValue, p >= 0, p <= 1 else {
            throw TideError(.invalidParameterValue, "percentile must be between 0 and 1, got \(fraction)")
        }
        let position = Double(n - 1) * p
        let lowRank = Int(position.rounded(.down))
        let highRank = Swift.min(lowRank + 1, n - 1)
        guard let low = values.element(atRank: lowRank)?.value, let high = values.element(atRank: highRank)?.value
        else { return .null }
        return .double(Self.interpolate(low, high, position - Double(lowRank)))
    }

    /// OpenMLDB semantics: the mean of the two middle values when n is even.
    private func median(_ n: Int) -> Value {
        guard let upper = values.element(atRank: n / 2)?.value else { return .null }
        guard n % 2 == 0, let lower = values.element(atRank: n / 2 - 1)?.value else { return .double(upper) }
        return .double((lower + upper) / 2)
    }

    /// numpy's linear interpolation (`_lerp`): exact at both ends, symmetric around t = 0.5.
    static func interpolate(_ a: Double, _ b: Double, _ t: Double) -> Double {
        if a == b { return a }
        let difference = b - a
        return t >= 0.5 ? b - difference * (1 - t) : a + difference * t
    }
}

extension AggregateFunctions {
    static func registerPercentiles(into registry: inout FunctionRegistry) {
        registerOverloads("median", into: &registry, retractable: true) { _ in
            { _ in QuantileAggregator(fractionArgument: nil) }
        }
        for name in ["percentile", "quantile"] {
            registerOverloads(name, into: &registry, retractable: true) { _ in
                { _ in QuantileAggregator(fractionArgument: 1) }
            }
        }
    }
}
