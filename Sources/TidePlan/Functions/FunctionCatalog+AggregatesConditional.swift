import TideCore

extension FunctionCatalog {
    /// count_where, sum_where, avg_where, min_where, max_where.
    static let conditionalAggregates: [FunctionDefinition] = [
        FunctionDefinition(
            "count_where", summary: "Number of rows with a non-null value where the condition is true.",
            signatures: [.aggregate("count_where", [.bool], returns: .int64)]
                + AggregateTypes.leading("count_where", AggregateTypes.any, [.bool]) { _ in .int64 }),
        FunctionDefinition(
            "sum_where", summary: "Sum of the values where the condition is true; NULL if there are none.",
            signatures: AggregateTypes.leading("sum_where", AggregateTypes.numeric, [.bool]) { $0 }),
        FunctionDefinition(
            "avg_where", summary: "Mean of the values where the condition is true; NULL if there are none.",
            signatures: AggregateTypes.leading("avg_where", AggregateTypes.numeric, [.bool]) { _ in .double }),
        FunctionDefinition(
            "min_where", summary: "Smallest value where the condition is true; NULL if there is none.",
            signatures: AggregateTypes.leading("min_where", AggregateTypes.numeric, [.bool]) { $0 }),
        FunctionDefinition(
            "max_where", summary: "Largest value where the condition is true; NULL if there is none.",
            signatures: AggregateTypes.leading("max_where", AggregateTypes.numeric, [.bool]) { $0 }),
    ]
}
