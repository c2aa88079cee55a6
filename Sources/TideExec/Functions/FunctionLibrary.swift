import TideCore
import TidePlan

/// The one library of built-in function implementations both engines call.
public enum FunctionLibrary {
    public static let registry: FunctionRegistry = {
        var registry = FunctionRegistry()
        MathFunctions.register(into: &registry)
        CastFunctions.register(into: &registry)
        NullFunctions.register(into: &registry)
        StringFunctions.register(into: &registry)
        DateTimeFunctions.register(into: &registry)
        CollectionFunctions.register(into: &registry)
        FeatureSignatureFunctions.register(into: &registry)
        MiscFunctions.register(into: &registry)
        AggregateFunctions.register(into: &registry)
        return registry
    }()

    /// Calls a scalar function on values, applying the signature's NULL rule.
    public static func callScalar(
        _ signature: FunctionSignature, _ arguments: [Value], context: FunctionContext
    ) throws -> Value {
        guard case .scalar(let kernel) = registry.implementation(for: signature) else {
            throw TideError.internal("no scalar implementation for \(signature.id)")
        }
        if signature.nullPropagating, arguments.contains(where: \.isNull) { return .null }
        return try kernel(arguments, context)
    }

    /// The aggregate kernel of a signature.
    public static func aggregateKernel(_ signature: FunctionSignature) throws -> AggregateKernel {
        guard case .aggregate(let kernel) = registry.implementation(for: signature) else {
            throw TideError.internal("no aggregate implementation for \(signature.id)")
        }
        return kernel
    }
}
