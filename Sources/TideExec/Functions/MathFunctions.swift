import TideCore
import TidePlan

/// Implementations of the Math family (signatures in TidePlan's FunctionCatalog).
enum MathFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
