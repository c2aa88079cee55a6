import TideCore

extension FunctionCatalog {
    /// median, percentile, quantile, standard deviations, variances, entropy, ew_avg, drawdown.
    static let statisticalAggregates: [FunctionDefinition] = [
        FunctionDefinition(
            "median", summary: "Median of the non-null values (mean of the middle two when their number is even).",
            signatures: AggregateTypes.unary("median", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "percentile", summary: "The p-th quantile (p in [0, 1]) with linear interpolation, as numpy's default.",
            signatures: AggregateTypes.leading("percentile", AggregateTypes.numeric, [.double]) { _ in .double }),
        FunctionDefinition(
            "quantile", summary: "The same as percentile(x, p).",
            signatures: AggregateTypes.leading("quantile", AggregateTypes.numeric, [.double]) { _ in .double }),
        FunctionDefinition(
            "stddev", aliases: ["std", "stddev_samp"], summary: "Sample standard deviation, sqrt(Σ(x-avg)²/(n-1)).",
            signatures: AggregateTypes.unary("stddev", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "stddev_pop", summary: "Population standard deviation, sqrt(Σ(x-avg)²/n).",
            signatures: AggregateTypes.unary("stddev_pop", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "var_samp", aliases: ["variance"], summary: "Sample variance, Σ(x-avg)²/(n-1).",
            signatures: AggregateTypes.unary("var_samp", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "var_pop", summary: "Population variance, Σ(x-avg)²/n.",
            signatures: AggregateTypes.unary("var_pop", AggregateTypes.numeric) { _ in .double }),
        FunctionDefinition(
            "entropy", summary: "Shannon entropy (base 2) of the distribution of the non-null values.",
            signatures: AggregateTypes.unary("entropy", AggregateTypes.any) { _ in .double }),
        FunctionDefinition(
            "ew_avg",
            summary: "Exponentially weighted mean, newest row weighted 1 (pandas ewm adjust=True, ignore_na=True).",
            signatures: AggregateTypes.leading("ew_avg", AggregateTypes.numeric, [.double]) { _ in .double }),
        FunctionDefinition(
            "drawdown", summary: "Largest (peak - later value) / peak over the window; negative values ignored.",
            signatures: AggregateTypes.unary("drawdown", AggregateTypes.numeric) { _ in .double }),
    ]
}
