import TideCore

extension FunctionCatalog {
    /// lag(x, n [, ignore_nulls]) over every type.
    static func lagSignatures(_ name: String) -> [FunctionSignature] {
        [SQLType.int32, .int64].flatMap { offset in
            AggregateTypes.leading(name, AggregateTypes.any, [offset]) { $0 }
                + AggregateTypes.leading(name, AggregateTypes.any, [offset, .bool]) { $0 }
        }
    }

    /// lag/at, first_value, last_value, nth_value_where, window_split*.
    static let windowAggregates: [FunctionDefinition] = [
        FunctionDefinition(
            "lag",
            summary: "Value n rows before the current row in the partition (lag(x, 0) is the current row); NULL "
                + "out of range. A third argument true skips NULL values.",
            signatures: lagSignatures("lag")),
        // OpenMLDB semantics: `at` is lag over a window, and element access on an array otherwise.
        FunctionDefinition(
            "at",
            summary: "Over a window: lag. On an array: the element at a 0-based position (NULL out of range).",
            signatures: lagSignatures("at")
                + SQLType.scalarTypes.flatMap { t in
                    SQLType.integerTypes.map { .scalar("at", [.array(t), $0], returns: t) }
                }),
        FunctionDefinition(
            "first_value",
            summary: "Value of the first (oldest) row of the frame; a second argument true skips NULL values.",
            signatures: AggregateTypes.unary("first_value", AggregateTypes.any) { $0 }
                + AggregateTypes.leading("first_value", AggregateTypes.any, [.bool]) { $0 }),
        FunctionDefinition(
            "last_value",
            summary: "Value of the last (newest) row of the frame; a second argument true skips NULL values.",
            signatures: AggregateTypes.unary("last_value", AggregateTypes.any) { $0 }
                + AggregateTypes.leading("last_value", AggregateTypes.any, [.bool]) { $0 }),
        FunctionDefinition(
            "nth_value_where",
            summary: "Value of the idx-th row where the condition holds: idx > 0 counts from the oldest row, "
                + "idx < 0 from the newest; 0 gives NULL.",
            signatures: AggregateTypes.integerIndexes.flatMap { index in
                AggregateTypes.leading("nth_value_where", AggregateTypes.any, [index, .bool]) { $0 }
            }),
        FunctionDefinition(
            "window_split", aliases: ["fz_window_split"],
            summary: "Splits every row's string by the delimiter and collects the pieces, newest row first.",
            signatures: [.aggregate("window_split", [.string, .string], returns: .array(.string))]),
        FunctionDefinition(
            "window_split_by_key", aliases: ["fz_window_split_by_key"],
            summary: "Splits every row's string into k:v pieces and collects the keys, newest row first.",
            signatures: [.aggregate("window_split_by_key", [.string, .string, .string], returns: .array(.string))]),
        FunctionDefinition(
            "window_split_by_value", aliases: ["fz_window_split_by_value"],
            summary: "Splits every row's string into k:v pieces and collects the values, newest row first.",
            signatures: [.aggregate("window_split_by_value", [.string, .string, .string], returns: .array(.string))]),
    ]
}

extension AggregateTypes {
    /// The index types of nth_value_where.
    static let integerIndexes: [SQLType] = SQLType.integerTypes
}
