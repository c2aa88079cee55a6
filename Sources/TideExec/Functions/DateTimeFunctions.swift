import TideCore
import TidePlan

/// Implementations of the DateTime family (signatures in TidePlan's FunctionCatalog).
enum DateTimeFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
