import TideCore
import TidePlan

/// Implementations of the String family (signatures in TidePlan's FunctionCatalog).
enum StringFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
