import TideCore
import TideSQL

/// Binds expressions that may not name columns (INSERT values, defaults, request rows).
public struct ConstantBinder {
    let binder: ExpressionBinder

    public init() {
        binder = ExpressionBinder(scope: Scope(columns: []), clause: "VALUES")
    }

    public func bind(_ expr: Expr) throws(TideError) -> BoundExpr { try binder.bind(expr) }
}
