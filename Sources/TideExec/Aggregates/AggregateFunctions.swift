import TideCore
import TidePlan

/// Makes one aggregate state for a call.
typealias AggregateFactory = @Sendable (_ context: FunctionContext) -> any Aggregator

/// Registers every aggregate implementation (one file per family in this folder).
///
/// Each family walks the catalog's overloads of its functions, so the registered keys always
/// match `FunctionSignature.id`; a test checks that no catalog aggregate is left without one.
enum AggregateFunctions {
    static func register(into registry: inout FunctionRegistry) {
        registerCount(into: &registry)
        registerSum(into: &registry)
        registerAvg(into: &registry)
        registerMinMax(into: &registry)
        registerDistinctCount(into: &registry)
        registerVariance(into: &registry)
        registerPercentiles(into: &registry)
        registerEntropy(into: &registry)
        registerEWAvg(into: &registry)
        registerDrawdown(into: &registry)
        registerTop(into: &registry)
        registerFrequency(into: &registry)
        registerWhere(into: &registry)
        registerCategory(into: &registry)
        registerPositional(into: &registry)
        registerNthValueWhere(into: &registry)
        registerWindowSplit(into: &registry)
    }

    /// Registers every catalog overload of `name` with the factory `make` returns for it.
    static func registerOverloads(
        _ name: String, into registry: inout FunctionRegistry, retractable: Bool, ignoresFrame: Bool = false,
        _ make: (FunctionSignature) -> AggregateFactory
    ) {
        guard let definition = FunctionCatalog.lookup(name) else { return }
        for signature in definition.signatures where signature.name == name && signature.kind == .aggregate {
            registry.aggregate(
                signature.name, signature.parameters, retractable: retractable, ignoresFrame: ignoresFrame,
                make(signature))
        }
    }
}
