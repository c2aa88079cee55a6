import TideCore
import TideExec
import TidePlan

/// A plan compiled for requests: the request engine's operators with their evaluators, kernels
/// and window layouts built once (at DEPLOY, or the first call after a restart) instead of per
/// request. The stored rows a window, a LAST JOIN or a GROUP BY reads through a subquery still
/// go through their plans.
public struct CompiledRequestPlan: Sendable {
    public let plan: PhysicalPlan
    let root: RequestOperator
    /// The table whose newest row the request row is (`RequestOperatorBuilder.leftmostTable`).
    let mainTable: TableDef?

    init(_ plan: PhysicalPlan, context: FunctionContext, parameters: [Value]) {
        self.plan = plan
        root = RequestOperator(plan, context: context, parameters: parameters)
        mainTable = RequestOperatorBuilder.leftmostTable(of: plan)
    }
}

/// One compiled plan node. What could not be compiled (an evaluator with a parameter that has
/// no value, say) is kept as its error and thrown when a request reaches it, as the
/// uncompiled plan would.
indirect enum RequestOperator: Sendable {
    /// The request row itself.
    case scan
    case singleRow
    case project(RequestOperator, Result<[RowEvaluator], any Error>)
    case filter(RequestOperator, Result<RowEvaluator, any Error>)
    case limit(RequestOperator, count: Int64)
    case windowAggregate(RequestOperator, RequestWindowNode)
    case lastJoin(RequestOperator, RequestLastJoin.Compiled)
    case groupAggregate(RequestOperator, GroupAggregateNode)
    /// A node request mode does not run (`RequestModeValidator` rejects it first).
    case unsupported

    init(_ plan: PhysicalPlan, context: FunctionContext, parameters: [Value]) {
        func compile(_ expr: BoundExpr) throws -> RowEvaluator {
            try RowEvaluator(expr, context: context, parameters: parameters)
        }
        func child(_ plan: PhysicalPlan) -> RequestOperator {
            RequestOperator(plan, context: context, parameters: parameters)
        }
        switch plan {
        case .scan: self = .scan
        case .singleRow: self = .singleRow
        case .project(let node):
            self = .project(child(node.input), Result { try node.expressions.map(compile) })
        case .filter(let node):
            self = .filter(child(node.input), Result { try compile(node.predicate) })
        case .limit(let node):
            self = .limit(child(node.input), count: node.count)
        case .windowAggregate(let node):
            self = .windowAggregate(
                child(node.input), RequestWindowNode(node, context: context, parameters: parameters))
        case .lastJoin(let node):
            self = .lastJoin(
                child(node.left), RequestLastJoin.Compiled(node, context: context, parameters: parameters))
        case .groupAggregate(let node):
            self = .groupAggregate(child(node.input), node)
        case .join, .sort, .union, .distinct:
            self = .unsupported
        }
    }
}
