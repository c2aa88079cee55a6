import TideCore
import TidePlan

/// Implementations of the Collection family (signatures in TidePlan's FunctionCatalog).
enum CollectionFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
