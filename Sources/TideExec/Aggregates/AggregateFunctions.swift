import TideCore
import TidePlan

/// Registers every aggregate implementation (one file per family in this folder).
enum AggregateFunctions {
    static func register(into registry: inout FunctionRegistry) {}
}
