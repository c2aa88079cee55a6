import TideCore
import TideSQL

extension Binder {
    /// Plans GROUP BY / whole-table aggregation and HAVING. The aggregate node outputs the
    /// keys, then one column per aggregate call.
    mutating func bindGrouping(
        _ core: SelectCore, _ calls: [(call: FunctionCall, location: NodeLocation)], input: PhysicalPlan
    ) throws(TideError) -> (PhysicalPlan, ExpressionBinder) {
        let scope = expressionBinder(input.columns, clause: "GROUP BY")
        var keys: [BoundExpr] = []
        var columns: [PlanColumn] = []
        var keyMap: [Int: Int] = [:]
        var expressionSlots: [Expr: Int] = [:]
        for e in core.groupBy {
            let key = try scope.bind(e)
            if case .column(let ref) = key {
                // A group key is a key as an index key is: OpenMLDB refuses float and double.
                if key.type == .scalar(.float) || key.type == .scalar(.double) {
                    throw BinderErrors.typeMismatch(
                        "GROUP BY \(input.columns[ref.index].name) groups by a \(key.type) column; "
                            + "float and double are not group keys", at: e.location)
                }
                keyMap[ref.index] = keys.count
                columns.append(input.columns[ref.index])
            } else {
                // OpenMLDB semantics: GROUP BY takes columns only.
                throw BinderErrors.unsupported("GROUP BY takes column names, not expressions", at: e.location)
            }
            expressionSlots[e] = keys.count
            keys.append(key)
        }
        var aggregates: [AggregateCall] = []
        var slots: [FunctionCall: Int] = [:]
        let argumentScope = expressionBinder(input.columns, clause: "an aggregate")
        for (call, location) in calls where slots[call] == nil {
            var arguments: [BoundExpr] = []
            for argument in call.arguments { arguments.append(try argumentScope.bind(argument)) }
            let name = call.name.description
            let signature = try FunctionResolver.resolve(
                name, argumentTypes: arguments.map(\.type), position: location.location)
            guard signature.kind == .aggregate else {
                throw BinderErrors.grouping("\(name) is not an aggregate function", at: location)
            }
            // OpenMLDB aggregates a table's column, never a constant: count(1) is refused.
            if !call.star, !arguments.isEmpty, arguments.allSatisfy(\.isLiteral) {
                throw BinderErrors.unsupported(
                    "\(name) over a constant is not supported: an aggregate of a table takes a column",
                    at: location, hint: name == "count" ? "count(*) counts rows" : nil)
            }
            aggregates.append(
                AggregateCall(
                    signature: signature, arguments: ExpressionBinder.widenArguments(arguments, to: signature),
                    distinct: call.distinct))
            columns.append(PlanColumn(name: SQLPrinter.print(Expr(.function(call))), type: signature.returnType))
            slots[call] = columns.count - 1
        }
        var plan = PhysicalPlan.groupAggregate(
            GroupAggregateNode(input: input, keys: keys, aggregates: aggregates, columns: columns))
        var post = expressionBinder(columns, clause: "the select list")
        post.aggregateSlots = slots
        post.expressionSlots = expressionSlots
        post.grouping = (Scope(columns: input.columns), keyMap)
        if let having = core.having {
            var havingBinder = post
            havingBinder.clause = "HAVING"
            plan = .filter(FilterNode(input: plan, predicate: try havingBinder.bindCondition(having)))
        }
        return (plan, post)
    }
}
