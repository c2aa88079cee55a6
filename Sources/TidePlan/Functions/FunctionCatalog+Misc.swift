import TideCore

extension FunctionCatalog {
    /// The misc family: hashing, geo distance and JSON.
    static let misc: [FunctionDefinition] = [
        FunctionDefinition(
            "hash64", aliases: ["farm_fingerprint"], summary: "FarmHash Fingerprint64 of the value's bytes",
            signatures: SQLType.scalarTypes.map { .scalar("hash64", [$0], returns: .int64) }),
        FunctionDefinition(
            "earth_distance", summary: "great-circle distance in km between (lat1, lon1) and (lat2, lon2)",
            signatures: [.scalar("earth_distance", [.double, .double, .double, .double], returns: .double)]),
        FunctionDefinition(
            "get_json_object", summary: "the value at a JSON Pointer (RFC 6901) path, as text",
            signatures: [.scalar("get_json_object", [.string, .string], returns: .string)]),
        FunctionDefinition(
            "json_array_length", summary: "number of elements of a JSON array; NULL if not an array",
            signatures: [.scalar("json_array_length", [.string], returns: .int32)]),
    ]
}
