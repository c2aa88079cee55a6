import TideCore
import TidePlan

/// ew_avg(x, alpha): the exponentially weighted mean with the newest non-null value weighted 1
/// and each older one by a further factor (1 - alpha), normalised by the sum of the weights
/// (pandas `ewm(alpha=alpha, adjust=True, ignore_na=True).mean()`). NULL values neither count
/// nor age the others. OpenMLDB semantics: alpha NULL or 0 gives the plain mean. Order
/// matters, so the engine rebuilds it from the frame's rows instead of retracting.
struct EWAvgAggregator: Aggregator {
    private var weightedSum = 0.0
    private var weights = 0.0
    private var seen = false

    mutating func update(_ arguments: [Value]) throws {
        guard let x = arguments.argument(0).doubleValue else { return }
        let alpha = arguments.argument(1).doubleValue ?? 0
        let decay = 1 - alpha
        weightedSum = weightedSum * decay + x
        weights = weights * decay + 1
        seen = true
    }

    func result() throws -> Value { seen ? .double(weightedSum / weights) : .null }
}

extension AggregateFunctions {
    static func registerEWAvg(into registry: inout FunctionRegistry) {
        registerOverloads("ew_avg", into: &registry, retractable: false) { _ in { _ in EWAvgAggregator() } }
    }
}
