import TideCore
import TidePlan

/// Implementations of the Misc family (signatures in TidePlan's FunctionCatalog).
enum MiscFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
