import TideCore
import TidePlan

/// Implementations of the Cast family (signatures in TidePlan's FunctionCatalog): `int32(x)` is
/// `CAST(x AS int32)`, for every scalar type of `x`.
enum CastFunctions {
    static func register(into registry: inout FunctionRegistry) {
        let targets: [(String, DataType)] = [
            ("bool", .bool), ("int16", .int16), ("int32", .int32), ("int64", .int64),
            ("float", .float), ("double", .double), ("string", .string),
        ]
        for (name, target) in targets {
            for source in SQLType.scalarTypes {
                registry.scalar(name, [source]) { args, context in
                    Cast.cast(args[0], to: target, context: context)
                }
            }
        }
    }
}
