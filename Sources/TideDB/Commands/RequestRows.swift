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
            guard items.count == table.columns.count else {
                throw TideError(
                    .invalidParameterValue,
                    "a request row for \(table.name) needs \(table.columns.count) values, got \(items.count)")
            }
            return try zip(items, table.columns).map { item, column in
                guard case .expr(let expr) = item else {
                    throw TideError(.invalidParameterValue, "request values must be single values")
                }
                let value = try RowEvaluator(try binder.bind(expr), context: context).evaluate([])
                if value.isNull || value.dataType == column.type { return value }
                let converted = Cast.cast(value, to: column.type, context: context)
                if converted.isNull {
                    throw TideError(
                        .invalidTextRepresentation,
                        "request value for column \"\(column.name)\" is not a \(column.type)",
                        position: expr.location.location)
                }
                return converted
            }
        }
    }
}
