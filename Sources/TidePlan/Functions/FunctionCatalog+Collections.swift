import TideCore

extension FunctionCatalog {
    /// The collections family: lists and arrays (one overload per element type) and maps.
    static let collections: [FunctionDefinition] = [
        FunctionDefinition(
            "size", summary: "Number of elements of a list.",
            signatures: SQLType.scalarTypes.map { .scalar("size", [.array($0)], returns: .int32) }),
        FunctionDefinition(
            "array_contains", summary: "Whether an array holds a value (NULL finds a NULL element).",
            signatures: SQLType.scalarTypes.map {
                .scalar("array_contains", [.array($0), $0], returns: .bool, nullPropagating: false)
            }),
        FunctionDefinition(
            "isin", summary: "Whether a value is in an array (NULL finds a NULL element).",
            signatures: SQLType.scalarTypes.map {
                .scalar("isin", [$0, .array($0)], returns: .bool, nullPropagating: false)
            }),
        FunctionDefinition(
            "array_join", summary: "Joins an array's non-NULL strings with a delimiter (none if NULL).",
            signatures: [.scalar("array_join", [.array(.string), .string], returns: .string, nullPropagating: false)]),
        FunctionDefinition(
            "list_except_by_key", summary: "Drops the k:v elements whose key is in a comma-separated list.",
            signatures: [.scalar("list_except_by_key", [.array(.string), .string], returns: .array(.string))]),
        FunctionDefinition(
            "list_except_by_value", summary: "Drops the k:v elements whose value is in a comma-separated list.",
            signatures: [.scalar("list_except_by_value", [.array(.string), .string], returns: .array(.string))]),
        FunctionDefinition(
            "map_keys", summary: "The keys of a map, in insertion order.",
            signatures: mapPairs.map { .scalar("map_keys", [.map(key: $0, value: $1)], returns: .array($0)) }),
        FunctionDefinition(
            "$element", summary: "Subscript: array[i] (0-based) or map[key]; NULL when absent.",
            signatures: SQLType.scalarTypes.flatMap { t in
                SQLType.integerTypes.map { .scalar("$element", [.array(t), $0], returns: t) }
            } + mapPairs.map { .scalar("$element", [.map(key: $0, value: $1), $0], returns: $1) }),
        FunctionDefinition(
            "map",
            summary: "A map of key/value pairs in argument order; pairs with a NULL key are dropped.",
            signatures: mapConstructors),
        FunctionDefinition(
            "array_combine",
            summary: "Cartesian product of arrays, each combination joined by a delimiter (NULL: none).",
            signatures: [
                .scalar(
                    "array_combine", [.string, .array(.string)], variadic: .array(.string), returns: .array(.string),
                    nullPropagating: false, acceptsAnyScalar: true)
            ]),
        FunctionDefinition(
            "make_tuple", summary: "Its arguments as a list (TideDB has no tuple type; all of one type).",
            signatures: SQLType.scalarTypes.map {
                .scalar("make_tuple", [], variadic: $0, returns: .array($0), nullPropagating: false)
            }),
    ]

    /// The most key/value pairs one `map(...)` call may take.
    public static let maxMapPairs = 10

    /// `map()` and `map(k, v, ...)` for 1 to `maxMapPairs` pairs of every (key, value) type
    /// pair: the resolver has no repeated-pair parameter lists, so each length is an overload.
    private static var mapConstructors: [FunctionSignature] {
        let empty = FunctionSignature.scalar("map", [], returns: .map(key: .null, value: .null), nullPropagating: false)
        return [empty]
            + (1...maxMapPairs).flatMap { count in
                mapPairs.map { key, value in
                    FunctionSignature.scalar(
                        "map", Array(repeating: [key, value], count: count).flatMap { $0 },
                        returns: .map(key: key, value: value), nullPropagating: false)
                }
            }
    }

    /// Every (key, value) pair of scalar types.
    private static var mapPairs: [(SQLType, SQLType)] {
        SQLType.scalarTypes.flatMap { k in SQLType.scalarTypes.map { (k, $0) } }
    }
}
