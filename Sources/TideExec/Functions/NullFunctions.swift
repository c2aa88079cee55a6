import TideCore
import TidePlan

/// Implementations of the Null family (signatures in TidePlan's FunctionCatalog). None of these
/// propagate NULL: they exist to look at it.
enum NullFunctions {
    static func register(into registry: inout FunctionRegistry) {
        for type in SQLType.scalarTypes {
            registry.scalar("is_null", [type]) { args, _ in .bool(args[0].isNull) }
            registry.scalar("identity", [type]) { args, _ in args[0] }
        }
        for signature in FunctionCatalog.lookup("if_null")?.signatures ?? [] {
            guard let result = signature.returnType.scalar else { continue }
            registry.scalar("if_null", signature.parameters) { args, context in
                convert(args[0].isNull ? args[1] : args[0], to: result, context: context)
            }
        }
        for signature in FunctionCatalog.lookup("nvl2")?.signatures ?? [] {
            guard let result = signature.returnType.scalar else { continue }
            registry.scalar("nvl2", signature.parameters) { args, context in
                convert(args[0].isNull ? args[2] : args[1], to: result, context: context)
            }
        }
    }

    /// A value widened to the type both alternatives meet at (a number becomes a string as
    /// `string(x)` writes it).
    static func convert(_ value: Value, to type: DataType, context: FunctionContext) -> Value {
        if value.isNull || value.dataType == type { return value }
        if type == .string { return Cast.cast(value, to: .string, context: context) }
        return NumericValues.coerce(value, to: type)
    }
}
