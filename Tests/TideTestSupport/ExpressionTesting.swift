import TideCore
import TideExec
import TidePlan

/// Evaluates constant SQL expressions end to end: parse and bind `SELECT expr` (so literal
/// typing, overload resolution and implicit casts are the binder's), then run the bound
/// expression with the row evaluator.
public enum ExpressionTesting {
    /// The value and result type of `expression` (SQL text without SELECT).
    public static func evaluate(
        _ expression: String, timeZone: SessionTimeZone = .utc
    ) throws -> (value: Value, type: SQLType) {
        let catalog = try PlanTesting.catalog([])
        let bound = try PlanTesting.bind("SELECT \(expression)", catalog: catalog)
        guard case .project(let node) = bound.plan, let expr = node.expressions.first,
            let column = node.columns.first
        else {
            throw SQLAssertionFailure(description: "not a single projection: \(expression)")
        }
        let evaluator = try RowEvaluator(expr, context: FunctionContext(timeZone: timeZone))
        return (try evaluator.evaluate([]), column.type)
    }

    /// The value of `expression`.
    public static func value(_ expression: String, timeZone: SessionTimeZone = .utc) throws -> Value {
        try evaluate(expression, timeZone: timeZone).value
    }
}
