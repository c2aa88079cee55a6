import TideCore
import TidePlan

/// Implementations of the Null family (signatures in TidePlan's FunctionCatalog).
enum NullFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
