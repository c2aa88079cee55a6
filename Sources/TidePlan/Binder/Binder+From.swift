import TideCore
import TideSQL

extension Binder {
    /// Binds a FROM item: a table, a subquery, or a join of them.
    mutating func bindTableRef(_ ref: TableRef) throws(TideError) -> PhysicalPlan {
        switch ref {
        case .table(let name, let alias):
            if name.parts.count == 1, let cte = ctes[name.name.name.lowercased()] {
                // Each read copies the CTE's plan: bound the copies before making them.
                inlinedNodes += cteSizes[name.name.name.lowercased()] ?? 0
                if inlinedNodes > PhysicalPlan.maxNodes { throw PhysicalPlan.tooLarge() }
                return alias.map { requalify(cte, as: $0.name) } ?? cte
            }
            let table = try lookupTable(name)
            return .scan(ScanNode(table: table, alias: alias?.name ?? table.name))
        case .subquery(let query, let alias, _):
            // OpenMLDB semantics: without an alias, the subquery's columns keep their table names.
            let plan = try bindQuery(query)
            return alias.map { requalify(plan, as: $0.name) } ?? plan
        case .join(let join):
            return try bindJoin(join)
        }
    }

    /// The table a (possibly database-qualified) name refers to.
    func lookupTable(_ name: QualifiedName) throws(TideError) -> TableDef {
        let databaseName = name.parts.count == 2 ? name.parts[0].name : database
        if name.parts.count == 2, !catalog.databaseExists(databaseName) {
            throw BinderErrors.undefinedDatabase(databaseName, at: name.location)
        }
        if databaseName.isEmpty {
            throw TideError(
                .invalidCatalogName, "no database selected for table \"\(name)\"",
                hint: "run USE <database> or qualify the table as db.table", position: name.location.location)
        }
        guard let table = catalog.table(database: databaseName, name: name.name.name) else {
            throw BinderErrors.undefinedTable(name.description, at: name.location)
        }
        return table
    }

    private mutating func bindJoin(_ join: JoinClause) throws(TideError) -> PhysicalPlan {
        let left = try bindTableRef(join.left)
        let right = try bindTableRef(join.right)
        let both = expressionBinder(left.columns + right.columns, clause: "JOIN condition")
        let condition = try join.condition.map { c throws(TideError) in try both.bindCondition(c) }
        let (leftKeys, rightKeys, rest) = equalityKeys(join.condition, left: left.columns, right: right.columns)
        switch join.kind {
        case .last:
            guard let condition else {
                throw BinderErrors.unsupported("LAST JOIN needs an ON condition", at: join.location)
            }
            if join.orderBy.count > 1 {
                throw BinderErrors.unsupported("LAST JOIN ORDER BY takes one column", at: join.location)
            }
            let rightScope = expressionBinder(right.columns, clause: "LAST JOIN ORDER BY")
            let orderBy = try join.orderBy.first.map { o throws(TideError) in try rightScope.bind(o.expr) }
            // OpenMLDB: the order is an index TS, which is a bigint or a timestamp.
            if let orderBy, !(orderBy.type.scalar.map { $0 == .int64 || $0 == .timestamp } ?? false) {
                throw BinderErrors.typeMismatch(
                    "LAST JOIN ORDER BY needs a bigint or timestamp column, not \(orderBy.type)", at: join.location)
            }
            if !hasTimeBound(join.condition, left: left.columns, right: right.columns) {
                warnings.append(
                    "LAST JOIN at \(join.location.location) has no time bound such as right.ts <= left.ts: "
                        + "offline results may use rows from the future")
            }
            var node = LastJoinNode(
                left: left, right: right, condition: condition, leftKeys: leftKeys, rightKeys: rightKeys,
                orderBy: orderBy)
            node.orderDescending = join.orderBy.first?.descending ?? false
            var residual: [BoundExpr] = []
            for conjunct in rest { residual.append(try both.bindCondition(conjunct)) }
            node.residual = residual.isEmpty ? nil : (residual.count == 1 ? residual[0] : .logical(.and, residual))
            node.index = IndexSelection.lastJoinIndex(node)
            if let order = IndexSelection.unionOrder(node) { node.orderBy = order }
            return .lastJoin(node)
        case .left, .right, .full, .inner, .cross:
            let kind: JoinNode.Kind
            switch join.kind {
            case .left: kind = .left
            case .right, .full:
                // OpenMLDB runs LAST JOIN and LEFT JOIN only; a RIGHT or FULL join is refused.
                throw BinderErrors.unsupported(
                    "\(join.kind == .right ? "RIGHT" : "FULL") JOIN is not supported", at: join.location,
                    hint: "use LAST JOIN or LEFT JOIN (a RIGHT JOIN is a LEFT JOIN with the tables swapped)")
            case .cross: kind = .cross
            case .inner, .last: kind = .inner
            }
            return .join(
                JoinNode(
                    kind: kind, left: left, right: right, condition: condition, leftKeys: leftKeys, rightKeys: rightKeys
                ))
        }
    }

    /// The conjuncts `l = r` of a join condition with one side over the left input and the
    /// other over the right: the keys a hash table or an index lookup uses.
    private func equalityKeys(_ condition: Expr?, left: [PlanColumn], right: [PlanColumn]) -> (
        [BoundExpr], [BoundExpr], [Expr]
    ) {
        var leftKeys: [BoundExpr] = []
        var rightKeys: [BoundExpr] = []
        var rest: [Expr] = []
        let l = expressionBinder(left, clause: "JOIN condition")
        let r = expressionBinder(right, clause: "JOIN condition")
        for conjunct in Self.conjuncts(condition) {
            guard case .binary(.equal, let a, let b) = conjunct.kind else {
                rest.append(conjunct)
                continue
            }
            if let x = try? l.bind(a), let y = try? r.bind(b), let t = TypeRules.commonType(x.type, y.type) {
                leftKeys.append(ExpressionBinder.widen(x, to: t))
                rightKeys.append(ExpressionBinder.widen(y, to: t))
            } else if let x = try? l.bind(b), let y = try? r.bind(a), let t = TypeRules.commonType(x.type, y.type) {
                leftKeys.append(ExpressionBinder.widen(x, to: t))
                rightKeys.append(ExpressionBinder.widen(y, to: t))
            } else {
                rest.append(conjunct)
            }
        }
        return (leftKeys, rightKeys, rest)
    }

    /// True if some conjunct bounds a right-side value by a left-side one with `<`, `<=`,
    /// `>`, `>=` or BETWEEN (a point-in-time bound).
    private func hasTimeBound(_ condition: Expr?, left: [PlanColumn], right: [PlanColumn]) -> Bool {
        let l = expressionBinder(left, clause: "JOIN condition")
        let r = expressionBinder(right, clause: "JOIN condition")
        for conjunct in Self.conjuncts(condition) {
            switch conjunct.kind {
            case .binary(let op, let a, let b) where [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(op):
                if (try? r.bind(a)) != nil && (try? l.bind(b)) != nil { return true }
                if (try? l.bind(a)) != nil && (try? r.bind(b)) != nil { return true }
            case .between(let value, _, _, false):
                if (try? r.bind(value)) != nil { return true }
            default:
                continue
            }
        }
        return false
    }

    static func conjuncts(_ expr: Expr?) -> [Expr] {
        guard let expr else { return [] }
        if case .binary(.and, let a, let b) = expr.kind { return conjuncts(a) + conjuncts(b) }
        return [expr]
    }
}
