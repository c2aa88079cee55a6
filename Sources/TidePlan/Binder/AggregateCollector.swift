import TideSQL

/// Finds the aggregate calls of an expression: window calls (`f(x) OVER w`) and plain
/// aggregates (`sum(x)` under GROUP BY or over the whole table). Does not look inside the
/// arguments of a call it collects, nor into subqueries.
enum AggregateCollector {
    struct Found {
        var windowCalls: [(call: FunctionCall, location: NodeLocation)] = []
        var groupCalls: [(call: FunctionCall, location: NodeLocation)] = []
    }

    static func collect(_ expr: Expr, into found: inout Found) {
        switch expr.kind {
        case .function(let call):
            if call.over != nil {
                found.windowCalls.append((call, expr.location))
                return
            }
            if isAggregate(call) {
                found.groupCalls.append((call, expr.location))
                return
            }
            for argument in call.arguments { collect(argument, into: &found) }
        case .literal, .column, .parameter, .variable, .subquery, .exists: return
        case .unary(_, let e), .isTest(let e, _, _), .cast(let e, _): collect(e, into: &found)
        case .binary(_, let a, let b), .element(let a, let b):
            collect(a, into: &found)
            collect(b, into: &found)
        case .between(let a, let b, let c, _):
            for e in [a, b, c] { collect(e, into: &found) }
        case .inList(let e, let items, _):
            collect(e, into: &found)
            for item in items { collect(item, into: &found) }
        case .inQuery(let e, _, _): collect(e, into: &found)
        case .like(let like):
            for e in [like.value, like.pattern] + (like.escape.map { [$0] } ?? []) { collect(e, into: &found) }
        case .caseWhen(let c):
            for e in (c.operand.map { [$0] } ?? []) + c.whens.flatMap({ [$0.condition, $0.result] })
                + (c.otherwise.map { [$0] } ?? [])
            {
                collect(e, into: &found)
            }
        case .array(_, let elements):
            for e in elements { collect(e, into: &found) }
        }
    }

    /// A call is an aggregate when it uses `*` or every overload of its name is one.
    static func isAggregate(_ call: FunctionCall) -> Bool {
        if call.star { return true }
        guard let definition = FunctionCatalog.lookup(call.name.description) else { return false }
        return !definition.signatures.isEmpty && definition.signatures.allSatisfy { $0.kind == .aggregate }
    }
}
