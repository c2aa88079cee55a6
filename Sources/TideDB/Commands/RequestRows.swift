import TideCore
import TideExec
import TidePlan
import TideSQL

/// The request rows of `CONFIG (execute_mode = 'request', values = (...) | [(...), ...])`,
/// evaluated and converted to the request table's column types.
enum RequestRows {
    static func parse(_ value: OptionValue, table: TableDef, context: FunctionContext) throws -> [[Value]] {
        let tuples: [[OptionValue]]
        switch value {
        case .tuple(let items):
            tuples = [items]
        case .list(let rows):
            tuples = try rows.map { row in
                guard case .tuple(let items) = row else {
                    throw TideError(.invalidParameterValue, "CONFIG values must be (v1, v2, ...) or [(...), (...)]")
                }
                return items
            }
        case .expr:
            throw TideError(.invalidParameterValue, "CONFIG values must be (v1, v2, ...) or [(...), (...)]")
        }
        let binder = ConstantBinder()
        return try tuples.map { items in
            try checkWidth(items.count, table: table)
            var locations: [SourceLocation?] = []
            let values = try items.map { item in
                guard case .expr(let expr) = item else {
                    throw TideError(.invalidParameterValue, "request values must be single values")
                }
                locations.append(expr.location.location)
                let bound = try binder.bind(expr)
                // A literal is its value: nothing to compile (the common request row).
                if case .literal(let value, _) = bound { return value }
                return try RowEvaluator(bound, context: context).evaluate([])
            }
            return try convert(values, table: table, context: context, locations: locations)
        }
    }

    /// A request row of values (bound parameters of `EXECUTE DEPLOYMENT d VALUES ($1, ...)`)
    /// converted to the request table's column types, by the same rule as `parse`.
    static func convert(_ values: [Value], table: TableDef, context: FunctionContext) throws -> [Value] {
        try checkWidth(values.count, table: table)
        return try convert(values, table: table, context: context, locations: [])
    }

    private static func checkWidth(_ count: Int, table: TableDef) throws {
        guard count == table.columns.count else {
            throw TideError(
                .invalidParameterValue,
                "a request row for \(table.name) needs \(table.columns.count) values, got \(count)")
        }
    }

    /// Each value as its column's type: NULL and values of that type as they are, others cast
    /// (an impossible cast is an error, never a NULL).
    private static func convert(
        _ values: [Value], table: TableDef, context: FunctionContext, locations: [SourceLocation?]
    ) throws -> [Value] {
        try zip(values, table.columns).enumerated().map { i, pair in
            try AssignmentCast.assign(
                pair.0, to: pair.1, context: context, what: "request value",
                position: i < locations.count ? locations[i] : nil)
        }
    }
}
