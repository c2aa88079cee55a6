import TideSQL

/// OpenMLDB lets `OVER w` follow any call: `abs(sum(x)) OVER w` and
/// `isnull(lag(x, 0)) OVER w` mean the aggregates inside the call are computed over `w`.
/// This pass moves such an OVER from a scalar call down to the aggregate calls in its
/// arguments that have none, so the rest of the binder sees ordinary window calls.
enum WindowRewriter {
    static func pushDownOver(_ expr: Expr) -> Expr {
        var out = expr
        switch expr.kind {
        case .function(var call):
            if let over = call.over, !AggregateCollector.isAggregate(call), !hasAggregateSignature(call) {
                call.over = nil
                call.arguments = call.arguments.map { attach(over, to: $0) }
            }
            call.arguments = call.arguments.map(pushDownOver)
            out.kind = .function(call)
        case .unary(let op, let e): out.kind = .unary(op, pushDownOver(e))
        case .binary(let op, let a, let b): out.kind = .binary(op, pushDownOver(a), pushDownOver(b))
        case .isTest(let e, let test, let negated): out.kind = .isTest(pushDownOver(e), test, negated: negated)
        case .cast(let e, let type): out.kind = .cast(pushDownOver(e), type)
        case .caseWhen(var c):
            c.operand = c.operand.map(pushDownOver)
            c.whens = c.whens.map {
                CaseExpr.When(condition: pushDownOver($0.condition), result: pushDownOver($0.result))
            }
            c.otherwise = c.otherwise.map(pushDownOver)
            out.kind = .caseWhen(c)
        case .between(let e, let low, let high, let negated):
            out.kind = .between(pushDownOver(e), low: pushDownOver(low), high: pushDownOver(high), negated: negated)
        case .inList(let e, let items, let negated):
            out.kind = .inList(pushDownOver(e), items.map(pushDownOver), negated: negated)
        case .like(var like):
            like.value = pushDownOver(like.value)
            like.pattern = pushDownOver(like.pattern)
            out.kind = .like(like)
        case .element(let a, let b): out.kind = .element(pushDownOver(a), pushDownOver(b))
        case .literal, .column, .parameter, .variable, .inQuery, .subquery, .exists, .array:
            break
        }
        return out
    }

    /// True if some overload of the call's name is an aggregate (lag, at, join).
    private static func hasAggregateSignature(_ call: FunctionCall) -> Bool {
        FunctionCatalog.lookup(call.name.description)?.signatures.contains { $0.kind == .aggregate } ?? false
    }

    /// Gives `over` to every aggregate call in `expr` that has no window.
    private static func attach(_ over: WindowReference, to expr: Expr) -> Expr {
        var out = expr
        switch expr.kind {
        case .function(var call):
            if call.over == nil, AggregateCollector.isAggregate(call) || hasAggregateSignature(call) {
                call.over = over
                out.kind = .function(call)
                return out
            }
            call.arguments = call.arguments.map { attach(over, to: $0) }
            out.kind = .function(call)
        case .unary(let op, let e): out.kind = .unary(op, attach(over, to: e))
        case .binary(let op, let a, let b): out.kind = .binary(op, attach(over, to: a), attach(over, to: b))
        case .isTest(let e, let test, let negated): out.kind = .isTest(attach(over, to: e), test, negated: negated)
        case .cast(let e, let type): out.kind = .cast(attach(over, to: e), type)
        case .caseWhen(var c):
            c.operand = c.operand.map { attach(over, to: $0) }
            c.whens = c.whens.map {
                CaseExpr.When(condition: attach(over, to: $0.condition), result: attach(over, to: $0.result))
            }
            c.otherwise = c.otherwise.map { attach(over, to: $0) }
            out.kind = .caseWhen(c)
        case .between, .inList, .like, .element, .literal, .column, .parameter, .variable, .inQuery, .subquery,
            .exists, .array:
            break
        }
        return out
    }
}
