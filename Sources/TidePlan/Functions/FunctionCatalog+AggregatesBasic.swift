import TideCore

extension FunctionCatalog {
    /// count, sum, avg, min, max, distinct_count.
    static let basicAggregates: [FunctionDefinition] = [
        FunctionDefinition(
            "count", summary: "Number of non-null values; count(*) counts rows.",
            signatures: [.aggregate("count", [], returns: .int64)]
                + AggregateTypes.unary("count", AggregateTypes.any) { _ in .int64 }),
        FunctionDefinition(
            "sum", summary: "Sum of the non-null values, in the input type; NULL if there are none.",
            signatures: AggregateTypes.unary("sum", AggregateTypes.numeric + [.timestamp]) { $0 }),
        FunctionDefinition(
            "avg", summary: "Mean of the non-null values as a double; NULL if there are none.",
            signatures: AggregateTypes.unary("avg", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "min", summary: "Smallest non-null value; NULL if there are none.",
            signatures: AggregateTypes.unary("min", AggregateTypes.orderable) { $0 }),
        FunctionDefinition(
            "max", summary: "Largest non-null value; NULL if there are none.",
            signatures: AggregateTypes.unary("max", AggregateTypes.orderable) { $0 }),
        FunctionDefinition(
            "distinct_count", summary: "Number of distinct non-null values.",
            signatures: AggregateTypes.unary("distinct_count", AggregateTypes.any) { _ in .int64 }),
    ]
}
