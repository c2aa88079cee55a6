import TideCore
import TidePlan

/// Implementations of the Cast family (signatures in TidePlan's FunctionCatalog).
enum CastFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
