import TideCore
import TidePlan

/// Implementations of the FeatureSignature family (signatures in TidePlan's FunctionCatalog).
enum FeatureSignatureFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
