/// Narrows a plan to the columns its result needs (the batch engine runs plans narrowed): scans read
/// (and decode) only the table columns something above them uses, projections compute only
/// the columns read above them, window aggregates drop the calls nobody reads, and joins
/// gather only the right columns that are used. A wide table read for a few features then
/// costs the few columns, in time and in memory.
///
/// The narrowed plan computes the same rows; only columns nothing reads are gone. Where a
/// node's columns cannot be narrowed safely (DISTINCT, UNION, GROUP BY outputs, window calls
/// with nested aggregates) everything below it that they read is kept, and if renumbering
/// an expression fails the plan runs as it was.
public enum ColumnPruning {
    /// `plan` with only what its columns need (all of them are kept).
    public static func prune(_ plan: PhysicalPlan) -> PhysicalPlan {
        let all = Set(plan.columns.indices)
        guard let pruned = narrow(plan, keeping: all), pruned.kept == Array(plan.columns.indices) else {
            return plan
        }
        return pruned.plan
    }

    /// A narrowed plan and which of the original plan's columns it still has (ascending: its
    /// column `i` is the original's `kept[i]`), a superset of those asked for.
    struct Narrowed {
        var plan: PhysicalPlan
        var kept: [Int]

        /// Original position → narrowed position (nil: dropped), for `width` original columns.
        func positions(width: Int) -> [Int?] {
            var map = [Int?](repeating: nil, count: width)
            for (new, old) in kept.enumerated() where old < width { map[old] = new }
            return map
        }
    }

    /// `plan` narrowed to (at least) the columns `needed`; nil when something cannot be
    /// renumbered (the caller then keeps the plan whole).
    static func narrow(_ plan: PhysicalPlan, keeping needed: Set<Int>) -> Narrowed? {
        let width = plan.columns.count
        let everything = Array(0..<width)
        switch plan {
        case .singleRow:
            return Narrowed(plan: plan, kept: everything)

        case .scan(let node):
            // At least one column: a batch's row count travels with its columns' owner.
            var wanted = needed.filter { $0 < width }.sorted()
            if wanted.isEmpty, width > 0 { wanted = [0] }
            if wanted.count == width { return Narrowed(plan: plan, kept: everything) }
            return Narrowed(plan: .scan(node.reading(wanted)), kept: wanted)

        case .filter(var node):
            var below = needed
            node.predicate.collectColumns(into: &below)
            guard let input = narrow(node.input, keeping: below),
                let predicate = node.predicate.renumberingColumns(input.positions(width: width))
            else { return nil }
            node.input = input.plan
            node.predicate = predicate
            return Narrowed(plan: .filter(node), kept: input.kept)

        case .project(var node):
            let outputs = needed.filter { $0 < width }.sorted()
            var below = Set<Int>()
            for o in outputs { node.expressions[o].collectColumns(into: &below) }
            let inputWidth = node.input.columns.count
            guard let input = narrow(node.input, keeping: below) else { return nil }
            let map = input.positions(width: inputWidth)
            var expressions: [BoundExpr] = []
            for o in outputs {
                guard let e = node.expressions[o].renumberingColumns(map) else { return nil }
                expressions.append(e)
            }
            node.input = input.plan
            node.expressions = expressions
            node.columns = outputs.map { node.columns[$0] }
            return Narrowed(plan: .project(node), kept: outputs)

        case .windowAggregate(let node):
            return narrowWindow(node, keeping: needed)

        case .lastJoin(var node):
            let order = node.effectiveOrder
            guard
                let sides = narrowSides(
                    node.left, node.right, keeping: needed,
                    overBoth: [node.condition] + (node.residual.map { [$0] } ?? []),
                    overLeft: node.leftKeys, overRight: node.rightKeys + (order.map { [$0] } ?? [])),
                let condition = node.condition.renumberingColumns(sides.joinedMap),
                let leftKeys = renumber(node.leftKeys, sides.leftMap),
                let rightKeys = renumber(node.rightKeys, sides.rightMap)
            else { return nil }
            node.left = sides.left.plan
            node.right = sides.right.plan
            node.condition = condition
            node.leftKeys = leftKeys
            node.rightKeys = rightKeys
            if let orderBy = node.orderBy {
                guard let renumbered = orderBy.renumberingColumns(sides.rightMap) else { return nil }
                node.orderBy = renumbered
            }
            if let residual = node.residual {
                guard let renumbered = residual.renumberingColumns(sides.joinedMap) else { return nil }
                node.residual = renumbered
            }
            // The order may come from the index's TS column, found by name in the right side:
            // it must still be the same column.
            guard node.effectiveOrder == order.flatMap({ $0.renumberingColumns(sides.rightMap) }) else {
                return nil
            }
            return Narrowed(plan: .lastJoin(node), kept: sides.kept)

        case .join(var node):
            guard
                let sides = narrowSides(
                    node.left, node.right, keeping: needed, overBoth: node.condition.map { [$0] } ?? [],
                    overLeft: node.leftKeys, overRight: node.rightKeys),
                let leftKeys = renumber(node.leftKeys, sides.leftMap),
                let rightKeys = renumber(node.rightKeys, sides.rightMap)
            else { return nil }
            if let condition = node.condition {
                guard let renumbered = condition.renumberingColumns(sides.joinedMap) else { return nil }
                node.condition = renumbered
            }
            node.left = sides.left.plan
            node.right = sides.right.plan
            node.leftKeys = leftKeys
            node.rightKeys = rightKeys
            return Narrowed(plan: .join(node), kept: sides.kept)

        case .groupAggregate(var node):
            // Every output kept (keys, then aggregates); the input only as far as they read it.
            var below = Set<Int>()
            for key in node.keys { key.collectColumns(into: &below) }
            for call in node.aggregates {
                for argument in call.arguments { argument.collectColumns(into: &below) }
            }
            let inputWidth = node.input.columns.count
            guard let input = narrow(node.input, keeping: below) else { return nil }
            let map = input.positions(width: inputWidth)
            guard let keys = renumber(node.keys, map) else { return nil }
            var aggregates: [AggregateCall] = []
            for var call in node.aggregates {
                guard let arguments = renumber(call.arguments, map) else { return nil }
                call.arguments = arguments
                aggregates.append(call)
            }
            node.input = input.plan
            node.keys = keys
            node.aggregates = aggregates
            return Narrowed(plan: .groupAggregate(node), kept: everything)

        case .sort(var node):
            var below = needed
            for key in node.keys { key.expr.collectColumns(into: &below) }
            guard let input = narrow(node.input, keeping: below) else { return nil }
            let map = input.positions(width: width)
            var keys: [SortNode.Key] = []
            for var key in node.keys {
                guard let expr = key.expr.renumberingColumns(map) else { return nil }
                key.expr = expr
                keys.append(key)
            }
            node.input = input.plan
            node.keys = keys
            return Narrowed(plan: .sort(node), kept: input.kept)

        case .limit(var node):
            guard let input = narrow(node.input, keeping: needed) else { return nil }
            node.input = input.plan
            return Narrowed(plan: .limit(node), kept: input.kept)

        case .union(var node):
            // Every input keeps every column (their positions must line up).
            var inputs: [PhysicalPlan] = []
            for input in node.inputs {
                guard let whole = narrowWhole(input) else { return nil }
                inputs.append(whole)
            }
            node.inputs = inputs
            return Narrowed(plan: .union(node), kept: everything)

        case .distinct(var node):
            guard let input = narrowWhole(node.input) else { return nil }
            node.input = input
            return Narrowed(plan: .distinct(node), kept: everything)
        }
    }

    /// Both sides of a join narrowed to the columns read above (`needed`, over left + right),
    /// by expressions over the joined row, over the left row and over the right row; with the
    /// position maps of each side and of the joined row.
    private static func narrowSides(
        _ leftPlan: PhysicalPlan, _ rightPlan: PhysicalPlan, keeping needed: Set<Int>, overBoth: [BoundExpr],
        overLeft: [BoundExpr], overRight: [BoundExpr]
    ) -> (left: Narrowed, right: Narrowed, leftMap: [Int?], rightMap: [Int?], joinedMap: [Int?], kept: [Int])? {
        let leftWidth = leftPlan.columns.count
        var joined = needed
        for e in overBoth { e.collectColumns(into: &joined) }
        var left = Set(joined.filter { $0 < leftWidth })
        var right = Set(joined.filter { $0 >= leftWidth }.map { $0 - leftWidth })
        for e in overLeft { e.collectColumns(into: &left) }
        for e in overRight { e.collectColumns(into: &right) }
        guard let l = narrow(leftPlan, keeping: left), let r = narrow(rightPlan, keeping: right) else { return nil }
        let leftMap = l.positions(width: leftWidth)
        let rightMap = r.positions(width: rightPlan.columns.count)
        let joinedMap = leftMap + rightMap.map { $0.map { $0 + l.kept.count } }
        return (l, r, leftMap, rightMap, joinedMap, l.kept + r.kept.map { $0 + leftWidth })
    }

    /// `plan` narrowed inside but with every one of its own columns.
    static func narrowWhole(_ plan: PhysicalPlan) -> PhysicalPlan? {
        guard let whole = narrow(plan, keeping: Set(plan.columns.indices)),
            whole.kept == Array(plan.columns.indices)
        else { return nil }
        return whole.plan
    }

    static func renumber(_ expressions: [BoundExpr], _ map: [Int?]) -> [BoundExpr]? {
        var out: [BoundExpr] = []
        for e in expressions {
            guard let r = e.renumberingColumns(map) else { return nil }
            out.append(r)
        }
        return out
    }
}

extension ColumnPruning {
    /// A window aggregate without the calls nothing reads, over an input narrowed to what the
    /// kept calls, the windows and the columns above read. Union sources have the main
    /// input's columns, so they are narrowed alike and must keep the same columns.
    static func narrowWindow(_ node: WindowAggregateNode, keeping needed: Set<Int>) -> Narrowed? {
        let inputWidth = node.input.columns.count
        let keptCalls = node.aggregates.indices.filter { needed.contains(inputWidth + $0) }
        var below = Set(needed.filter { $0 < inputWidth })
        // Calls with nested aggregates evaluate over whole input rows: keep the input whole.
        let wholeRows = keptCalls.contains { !node.aggregates[$0].nested.isEmpty || node.aggregates[$0].overElements }
        if wholeRows {
            below = Set(0..<inputWidth)
        } else if !keptCalls.isEmpty {
            for window in node.windows {
                for key in window.partitionBy { key.collectColumns(into: &below) }
                window.orderBy?.collectColumns(into: &below)
            }
            for c in keptCalls {
                for argument in node.aggregates[c].arguments { argument.collectColumns(into: &below) }
            }
        }
        guard let (input, unions) = narrowAlike(node.input, node.windows.map(\.unions), keeping: below) else {
            return nil
        }
        // Without calls the node is its input, row for row.
        if keptCalls.isEmpty { return input }
        let map = input.positions(width: inputWidth)
        var narrowed = node
        narrowed.input = input.plan
        for w in narrowed.windows.indices {
            guard let partitionBy = renumber(node.windows[w].partitionBy, map) else { return nil }
            narrowed.windows[w].partitionBy = partitionBy
            if let orderBy = node.windows[w].orderBy {
                guard let renumbered = orderBy.renumberingColumns(map) else { return nil }
                narrowed.windows[w].orderBy = renumbered
            }
            narrowed.windows[w].unions = unions[w]
        }
        if wholeRows {
            // The input is whole: calls (and their nested calls) read it as they did.
            guard input.kept == Array(0..<inputWidth) else { return nil }
            narrowed.aggregates = keptCalls.map { node.aggregates[$0] }
        } else {
            var calls: [WindowAggregateCall] = []
            for c in keptCalls {
                var call = node.aggregates[c]
                guard let arguments = renumber(call.arguments, map) else { return nil }
                call.arguments = arguments
                calls.append(call)
            }
            narrowed.aggregates = calls
        }
        return Narrowed(
            plan: .windowAggregate(narrowed), kept: input.kept + keptCalls.map { inputWidth + $0 })
    }

    /// The main input and every window's union sources narrowed to the same columns: first to
    /// `needed`, then (if a source kept more) to what any of them kept, else all whole.
    private static func narrowAlike(
        _ input: PhysicalPlan, _ unions: [[PhysicalPlan]], keeping needed: Set<Int>
    ) -> (Narrowed, [[PhysicalPlan]])? {
        var wanted = needed
        for _ in 0..<2 {
            guard let main = narrow(input, keeping: wanted) else { return nil }
            var narrowedUnions: [[PhysicalPlan]] = []
            var agree = true
            var keptByAny = Set(main.kept)
            for sources in unions {
                var narrowedSources: [PhysicalPlan] = []
                for source in sources {
                    guard let s = narrow(source, keeping: wanted) else { return nil }
                    if s.kept != main.kept { agree = false }
                    keptByAny.formUnion(s.kept)
                    narrowedSources.append(s.plan)
                }
                narrowedUnions.append(narrowedSources)
            }
            if agree { return (main, narrowedUnions) }
            wanted = keptByAny
        }
        guard let main = narrowWhole(input) else { return nil }
        var wholeUnions: [[PhysicalPlan]] = []
        for sources in unions {
            var whole: [PhysicalPlan] = []
            for source in sources {
                guard let s = narrowWhole(source) else { return nil }
                whole.append(s)
            }
            wholeUnions.append(whole)
        }
        return (Narrowed(plan: main, kept: Array(input.columns.indices)), wholeUnions)
    }
}
