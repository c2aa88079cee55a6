import TideCore

extension FunctionCatalog {
    /// The aggregates family: every aggregate and window function, by sub-family.
    static let aggregates: [FunctionDefinition] =
        basicAggregates + statisticalAggregates + frequencyAggregates + conditionalAggregates + categoryAggregates
        + topNCategoryAggregates + windowAggregates
}

/// The type sets OpenMLDB registers its aggregates for (`args_in<...>` in `default_defs/`).
enum AggregateTypes {
    /// int16, int32, int64, float, double.
    static let numeric: [SQLType] = SQLType.numericTypes
    /// Numbers, timestamps, dates and strings: what `min`, `max` and `top` order.
    static let orderable: [SQLType] = SQLType.numericTypes + [.timestamp, .date, .string]
    /// Every scalar type.
    static let any: [SQLType] = SQLType.scalarTypes
    /// The category (group key) types of the `*_cate*` family.
    static let categoryKeys: [SQLType] = [.int16, .int32, .int64, .date, .timestamp, .string]
    /// The types a `top n` bound may have.
    static let bounds: [SQLType] = [.int32, .int64]

    /// One overload per value type: `name(t) -> result(t)`.
    static func unary(_ name: String, _ types: [SQLType], returns result: (SQLType) -> SQLType) -> [FunctionSignature] {
        types.map { .aggregate(name, [$0], returns: result($0)) }
    }

    /// One overload per value type with fixed trailing parameters: `name(t, extra...)`.
    static func leading(
        _ name: String, _ types: [SQLType], _ extra: [SQLType], returns result: (SQLType) -> SQLType
    ) -> [FunctionSignature] {
        types.map { .aggregate(name, [$0] + extra, returns: result($0)) }
    }
}
