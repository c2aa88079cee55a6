import TideCore
import TideSQL

extension Binder {
    /// Binds one SELECT: FROM, WHERE, windows or GROUP BY / HAVING, the select list,
    /// DISTINCT and the query's ORDER BY.
    mutating func bindSelect(_ original: SelectCore, orderBy: [OrderItem]) throws(TideError) -> PhysicalPlan {
        var core = original
        core.items = original.items.map { item in
            guard case .expr(let e, let alias) = item else { return item }
            return .expr(WindowRewriter.pushDownOver(e), alias: alias)
        }
        for item in core.items {
            if case .expr(let e, _) = item, case .literal(.interval) = e.kind {
                throw BinderErrors.typeMismatch(
                    "an interval such as 10s is not a value: use it in a frame or add it to a timestamp", at: e.location
                )
            }
        }
        var input: PhysicalPlan = try core.from.map { f throws(TideError) in try bindTableRef(f) } ?? .singleRow
        if let condition = core.whereClause {
            let predicate = try expressionBinder(input.columns, clause: "WHERE").bindCondition(condition)
            input = .filter(FilterNode(input: input, predicate: predicate))
        }
        var found = AggregateCollector.Found()
        for item in core.items {
            if case .expr(let e, _) = item { AggregateCollector.collect(e, into: &found) }
        }
        if let having = core.having { AggregateCollector.collect(having, into: &found) }
        for item in orderBy { AggregateCollector.collect(item.expr, into: &found) }

        var post: ExpressionBinder
        var staged: PhysicalPlan
        if !found.windowCalls.isEmpty {
            if !core.groupBy.isEmpty || core.having != nil || !found.groupCalls.isEmpty {
                throw BinderErrors.window(
                    "window functions cannot be combined with GROUP BY, HAVING or plain aggregates",
                    at: found.windowCalls[0].location)
            }
            (staged, post) = try bindWindows(core, found.windowCalls, input: input)
        } else if !core.groupBy.isEmpty || !found.groupCalls.isEmpty {
            (staged, post) = try bindGrouping(core, found.groupCalls, input: input)
        } else {
            if let having = core.having {
                throw BinderErrors.grouping("HAVING needs GROUP BY or an aggregate", at: having.location)
            }
            staged = input
            post = expressionBinder(input.columns, clause: "the select list")
        }

        var expressions: [BoundExpr] = []
        var columns: [PlanColumn] = []
        for item in core.items {
            switch item {
            case .star(let qualifier, let location):
                // `*` means the FROM clause's columns, never computed aggregate columns.
                let source =
                    post.grouping?.input ?? Scope(columns: Array(post.scope.columns.prefix(input.columns.count)))
                for i in try starColumns(qualifier, in: source, at: location) {
                    if let grouping = post.grouping {
                        guard let key = grouping.keys[i] else {
                            throw BinderErrors.grouping(
                                "column \"\(source.columns[i].name)\" must appear in the GROUP BY clause", at: location)
                        }
                        expressions.append(post.column(key))
                    } else {
                        expressions.append(post.column(i))
                    }
                    columns.append(source.columns[i])
                }
            case .expr(let e, let alias):
                var bound = try post.bind(e)
                // OpenMLDB types a bare NULL as bool: `SELECT NULL AS x` is a bool column.
                if case .literal(.null, .null) = bound { bound = .literal(.null, .scalar(.bool)) }
                expressions.append(bound)
                let qualifier = alias == nil ? Self.qualifier(bound, post) : nil
                columns.append(
                    PlanColumn(name: alias?.name ?? Self.outputName(e), qualifier: qualifier, type: bound.type))
            }
        }
        try checkOneWindowPerItem(core)

        var plan: PhysicalPlan
        if orderBy.isEmpty {
            plan = .project(ProjectNode(input: staged, expressions: expressions, columns: columns))
        } else {
            plan = try bindSelectOrder(orderBy, staged: staged, post: post, expressions: expressions, columns: columns)
        }
        if core.quantifier == .distinct { plan = .distinct(DistinctNode(input: plan)) }
        return plan
    }

    /// The name of an unaliased select item: a column's own name, else the expression's SQL;
    /// a call over a named window is `f(x)over w`, as OpenMLDB names it.
    static func outputName(_ e: Expr) -> String {
        if case .column(let name) = e.kind { return name.name.name }
        if case .function(var call) = e.kind, case .named(let window) = call.over {
            call.over = nil
            return SQLPrinter.print(Expr(.function(call))) + "over " + window.name
        }
        return SQLPrinter.print(e)
    }

    static func qualifier(_ bound: BoundExpr, _ binder: ExpressionBinder) -> String? {
        if case .column(let ref) = bound { return binder.scope.columns[ref.index].qualifier }
        return nil
    }

    /// Input column positions a `*` or `t.*` expands to.
    private func starColumns(_ qualifier: QualifiedName?, in scope: Scope, at location: NodeLocation)
        throws(TideError) -> [Int]
    {
        let columns = scope.columns
        guard let qualifier else { return Array(columns.indices) }
        let name = qualifier.name.name.lowercased()
        let matches = columns.indices.filter { columns[$0].qualifier?.lowercased() == name }
        if matches.isEmpty { throw BinderErrors.undefinedTable(qualifier.description, at: location) }
        return matches
    }

    /// OpenMLDB rejects one select item that combines aggregates over two different windows.
    private func checkOneWindowPerItem(_ core: SelectCore) throws(TideError) {
        for item in core.items {
            guard case .expr(let e, _) = item else { continue }
            var found = AggregateCollector.Found()
            AggregateCollector.collect(e, into: &found)
            let windows = Set(
                found.windowCalls.compactMap { call -> WindowReference? in
                    if case .named(let n) = call.call.over { return .named(Identifier(n.name.lowercased())) }
                    return call.call.over
                })
            if windows.count > 1 {
                throw BinderErrors.window(
                    "an expression may use aggregates over one window only, this one uses \(windows.count)",
                    at: e.location, hint: "compute each window's aggregate as its own column")
            }
        }
    }
}
