import TideCore

extension FunctionCatalog {
    /// The casts family: `bool(x)`, `int16(x)`, ... `string(x)`, one overload per scalar source
    /// type, each behaving like `CAST(x AS type)`. `date(x)` and `timestamp(x)` live with the
    /// date-time functions.
    static let casts: [FunctionDefinition] = [
        castFunction("bool", to: .bool),
        castFunction("int16", aliases: ["smallint"], to: .int16),
        castFunction("int32", aliases: ["int"], to: .int32),
        castFunction("int64", aliases: ["bigint"], to: .int64),
        castFunction("float", to: .float),
        castFunction("double", to: .double),
        castFunction("string", aliases: ["varchar"], to: .string),
    ]

    /// A cast function with one overload for every scalar source type.
    static func castFunction(_ name: String, aliases: [String] = [], to target: SQLType) -> FunctionDefinition {
        FunctionDefinition(
            name, aliases: aliases, summary: "CAST(x AS \(target))",
            signatures: SQLType.scalarTypes.map { .scalar(name, [$0], returns: target) })
    }
}
