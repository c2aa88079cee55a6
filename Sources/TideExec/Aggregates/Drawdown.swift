import TideCore
import TidePlan

/// drawdown(x): the largest fall from a running peak to a later value, relative to the peak,
/// (peak - value) / peak, oldest row first (1, 8, 5, 2, 10, 4 → 0.75). OpenMLDB semantics:
/// negative values and NULLs are ignored; NULL if no value is left; 0 if the series never falls.
/// Order matters, so the engine rebuilds it from the frame's rows instead of retracting.
struct DrawdownAggregator: Aggregator {
    private var peak: Double?
    private var largest = 0.0

    mutating func update(_ arguments: [Value]) throws {
        guard let x = arguments.argument(0).doubleValue, !x.isNaN, x >= 0 else { return }
        guard let current = peak, current >= x else {
            peak = x
            return
        }
        if current > 0, current.isFinite { largest = Swift.max(largest, (current - x) / current) }
    }

    func result() throws -> Value { peak == nil ? .null : .double(largest) }
}

extension AggregateFunctions {
    static func registerDrawdown(into registry: inout FunctionRegistry) {
        registerOverloads("drawdown", into: &registry, retractable: false) { _ in { _ in DrawdownAggregator() } }
    }
}
