import TideCore

extension FunctionCatalog {
    /// count_cate ... max_cate and count_cate_where ... max_cate_where: per-category aggregates
    /// printed as 'k1:v1,k2:v2' with keys ascending.
    static let categoryAggregates: [FunctionDefinition] =
        ["count", "sum", "avg", "min", "max"].map { operation in
            FunctionDefinition(
                "\(operation)_cate",
                summary: "\(operation) of the values per category, as 'k:v' pairs joined with commas, keys ascending.",
                signatures: CategorySignatures.make(
                    "\(operation)_cate", values: CategorySignatures.values(operation), middle: [], bounds: [nil]))
        }
        + ["count", "sum", "avg", "min", "max"].map { operation in
            FunctionDefinition(
                "\(operation)_cate_where",
                summary: "\(operation) per category over the rows where the condition holds, keys ascending.",
                signatures: CategorySignatures.make(
                    "\(operation)_cate_where", values: CategorySignatures.values(operation), middle: [.bool],
                    bounds: [nil]))
        }

    /// top_n_key_*_cate_where, top_n_value_*_cate_where, top_n_key_ratio_cate, top_n_value_ratio_cate.
    static let topNCategoryAggregates: [FunctionDefinition] =
        ["key", "value"].flatMap { order in
            ["count", "sum", "avg", "min", "max"].map { operation in
                FunctionDefinition(
                    "top_n_\(order)_\(operation)_cate_where",
                    summary: "\(operation) per category where the condition holds; the n categories with the "
                        + (order == "key" ? "largest keys" : "largest values") + ", descending.",
                    signatures: CategorySignatures.make(
                        "top_n_\(order)_\(operation)_cate_where", values: CategorySignatures.values(operation),
                        middle: [.bool], bounds: AggregateTypes.bounds))
            }
        }
        + ["key", "value"].map { order in
            FunctionDefinition(
                "top_n_\(order)_ratio_cate",
                summary: "Per category, (rows where the condition holds) / (rows); the n categories with the "
                    + (order == "key" ? "largest keys" : "largest ratios") + ", descending.",
                signatures: CategorySignatures.make(
                    "top_n_\(order)_ratio_cate", values: AggregateTypes.any, middle: [.bool],
                    bounds: AggregateTypes.bounds))
        }
}

/// Builds the overload grid of the category family: value type × key type × bound type.
enum CategorySignatures {
    /// count accepts any value; the other operations need numbers.
    static func values(_ operation: String) -> [SQLType] {
        operation == "count" ? AggregateTypes.any : AggregateTypes.numeric
    }

    static func make(_ name: String, values: [SQLType], middle: [SQLType], bounds: [SQLType?]) -> [FunctionSignature] {
        var out: [FunctionSignature] = []
        for bound in bounds {
            for key in AggregateTypes.categoryKeys {
                for value in values {
                    let parameters = [value] + middle + [key] + (bound.map { [$0] } ?? [])
                    out.append(.aggregate(name, parameters, returns: .string))
                }
            }
        }
        return out
    }
}
