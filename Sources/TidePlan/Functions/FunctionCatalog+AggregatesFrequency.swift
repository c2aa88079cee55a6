import TideCore

extension FunctionCatalog {
    /// top, topn_frequency, top1_ratio.
    static let frequencyAggregates: [FunctionDefinition] = [
        FunctionDefinition(
            "top", summary: "The k largest values, descending, joined with commas ('4,4,3').",
            signatures: AggregateTypes.bounds.flatMap { bound in
                AggregateTypes.leading("top", AggregateTypes.orderable, [bound]) { _ in .string }
            }),
        FunctionDefinition(
            "topn_frequency", aliases: ["fz_topn_frequency"],
            summary: "The n most frequent values (ties by value ascending), padded with NULL, joined with commas.",
            signatures: AggregateTypes.leading("topn_frequency", AggregateTypes.orderable, [.int32]) { _ in .string }),
        FunctionDefinition(
            "top1_ratio", aliases: ["fz_top1_ratio"],
            summary: "Count of the most frequent value divided by the count of non-null values; 0 if none.",
            signatures: AggregateTypes.unary("top1_ratio", AggregateTypes.orderable) { _ in .double }),
    ]
}
