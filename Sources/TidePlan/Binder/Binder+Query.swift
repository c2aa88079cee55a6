import TideCore
import TideSQL

extension Binder {
    /// Binds a query body that is not a single SELECT: UNION chains and parenthesized queries.
    mutating func bindBody(_ body: QueryBody) throws(TideError) -> PhysicalPlan {
        switch body {
        case .select(let core): return try bindSelect(core, orderBy: [])
        case .nested(let query): return try bindQuery(query)
        case .union(let op):
            var inputs: [PhysicalPlan] = []
            for side in [op.left, op.right] {
                let plan = try bindBody(side)
                // Flatten chains of the same kind: a UNION ALL b UNION ALL c is one node.
                if case .union(let nested) = plan, nested.distinct == !op.all, case .union = side {
                    inputs.append(contentsOf: nested.inputs)
                } else {
                    inputs.append(plan)
                }
            }
            let first = inputs[0].columns
            for input in inputs.dropFirst() {
                guard input.columns.count == first.count else {
                    throw TideError(
                        .syntaxError,
                        "each UNION query must have the same number of columns (\(first.count) and \(input.columns.count))"
                    )
                }
                for (a, b) in zip(first, input.columns) where a.type != b.type && a.type != .null && b.type != .null {
                    throw TideError(
                        .datatypeMismatch, "UNION column \"\(a.name)\" has types \(a.type) and \(b.type)",
                        hint: "CAST the columns to one type")
                }
            }
            return .union(UnionNode(inputs: inputs, distinct: !op.all))
        }
    }

    /// ORDER BY over a query's output columns (after a UNION): names, aliases or positions.
    mutating func bindOutputOrder(_ plan: PhysicalPlan, _ items: [OrderItem]) throws(TideError) -> PhysicalPlan {
        let scope = expressionBinder(plan.columns.map { PlanColumn(name: $0.name, type: $0.type) }, clause: "ORDER BY")
        var keys: [SortNode.Key] = []
        for item in items {
            keys.append(SortNode.Key(expr: try orderKey(item.expr, scope: scope), descending: item.descending ?? false))
        }
        return .sort(SortNode(input: plan, keys: keys))
    }

    /// An ORDER BY item as an output position (`ORDER BY 2`) or an expression over `scope`.
    private func orderKey(_ e: Expr, scope: ExpressionBinder) throws(TideError) -> BoundExpr {
        if case .literal(.integer(let n)) = e.kind {
            guard n >= 1, n <= scope.scope.columns.count else {
                throw BinderErrors.undefinedColumn("ORDER BY position \(n)", at: e.location)
            }
            return scope.column(Int(n - 1))
        }
        return try scope.bind(e)
    }

    /// ORDER BY of a single SELECT: keys may name output aliases or any input column. Keys
    /// not in the output are computed as hidden columns and projected away after the sort.
    mutating func bindSelectOrder(
        _ items: [OrderItem], staged: PhysicalPlan, post: ExpressionBinder, expressions: [BoundExpr],
        columns: [PlanColumn]
    ) throws(TideError) -> PhysicalPlan {
        var all = expressions
        var allColumns = columns
        var keys: [SortNode.Key] = []
        let outputScope = expressionBinder(columns.map { PlanColumn(name: $0.name, type: $0.type) }, clause: "ORDER BY")
        for item in items {
            let descending = item.descending ?? false
            // An output alias or position wins (standard SQL); otherwise bind over the input.
            if case .column(let name) = item.expr.kind, name.parts.count == 1,
                let i = columns.firstIndex(where: { $0.name.lowercased() == name.name.name.lowercased() })
            {
                keys.append(SortNode.Key(expr: outputScope.column(i), descending: descending))
                continue
            }
            if case .literal(.integer) = item.expr.kind {
                keys.append(SortNode.Key(expr: try orderKey(item.expr, scope: outputScope), descending: descending))
                continue
            }
            var orderBinder = post
            orderBinder.clause = "ORDER BY"
            let bound = try orderBinder.bind(item.expr)
            if let existing = all.firstIndex(of: bound) {
                keys.append(SortNode.Key(expr: outputScope.column(existing), descending: descending))
                continue
            }
            all.append(bound)
            allColumns.append(PlanColumn(name: "#order\(keys.count)", type: bound.type))
            keys.append(
                SortNode.Key(
                    expr: .column(ColumnReference(index: all.count - 1, name: "#order\(keys.count)", type: bound.type)),
                    descending: descending))
        }
        let extended = PhysicalPlan.project(ProjectNode(input: staged, expressions: all, columns: allColumns))
        let sorted = PhysicalPlan.sort(SortNode(input: extended, keys: keys))
        guard all.count > expressions.count else { return sorted }
        let visible = columns.indices.map { i in
            BoundExpr.column(ColumnReference(index: i, name: columns[i].name, type: columns[i].type))
        }
        return .project(ProjectNode(input: sorted, expressions: visible, columns: columns))
    }
}
