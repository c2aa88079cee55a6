import TideCore
import TidePlan

/// Implementations of the built-in functions, keyed by `FunctionSignature.id`. Each family
/// file registers its functions in `register(into:)`; `FunctionLibrary` collects them.
public struct FunctionRegistry: Sendable {
    public private(set) var implementations: [String: FunctionImplementation] = [:]

    public init() {}

    /// Registers a scalar kernel for `name(parameters)` (and `variadic...` if given).
    public mutating func scalar(
        _ name: String, _ parameters: [SQLType], variadic: SQLType? = nil, _ kernel: @escaping ScalarKernel
    ) {
        implementations[FunctionSignature.id(name, parameters, variadic: variadic)] = .scalar(kernel)
    }

    /// Registers an aggregate for `name(parameters)`.
    public mutating func aggregate(
        _ name: String, _ parameters: [SQLType], retractable: Bool, ignoresFrame: Bool = false,
        _ make: @escaping @Sendable (_ context: FunctionContext) -> any Aggregator
    ) {
        implementations[FunctionSignature.id(name, parameters)] = .aggregate(
            AggregateKernel(retractable: retractable, ignoresFrame: ignoresFrame, make: make))
    }

    public func implementation(for signature: FunctionSignature) -> FunctionImplementation? {
        implementations[signature.id]
    }
}
