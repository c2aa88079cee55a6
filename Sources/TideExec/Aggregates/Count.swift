import TideCore
import TidePlan

/// count(*) counts rows; count(x) counts rows whose x is not NULL. Empty → 0.
struct CountAggregator: Aggregator {
    /// True for count(*), which has no argument.
    let countsRows: Bool
    private var count: Int64 = 0

    init(countsRows: Bool) { self.countsRows = countsRows }

    private func counts(_ arguments: [Value]) -> Bool { countsRows || !arguments.argument(0).isNull }

    mutating func update(_ arguments: [Value]) throws { if counts(arguments) { count += 1 } }
    mutating func retract(_ arguments: [Value]) throws { if counts(arguments) { count -= 1 } }
    func result() throws -> Value { .int64(count) }
}

extension AggregateFunctions {
    static func registerCount(into registry: inout FunctionRegistry) {
        registerOverloads("count", into: &registry, retractable: true) { signature in
            let countsRows = signature.parameters.isEmpty
            return { _ in CountAggregator(countsRows: countsRows) }
        }
    }
}
