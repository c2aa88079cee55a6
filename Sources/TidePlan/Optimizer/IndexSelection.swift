import TideCore

/// Chooses the online index that serves each window and LAST JOIN, and derives the TTL that
/// index must keep (OpenMLDB's DEPLOY rules, `ddl_parser.cc`):
///
///     ROWS frame        → latest, count = rows back from the current row (unbounded → 0 = all)
///     ROWS_RANGE frame  → absolute, ceil(range / 1 min) minutes (unbounded → 0; zero range → 1 min)
///     LAST JOIN         → latest 1
///
/// A binding with `indexName == nil` names the index that would be needed but does not exist.
public enum IndexSelection {
    /// The table column a plan output column comes from, through projections and filters.
    public static func source(of plan: PhysicalPlan, column: Int) -> (table: TableDef, column: String)? {
        switch plan {
        case .scan(let scan):
            guard column < scan.table.columns.count else { return nil }
            return (scan.table, scan.table.columns[column].name)
        case .project(let project):
            guard column < project.expressions.count, case .column(let ref) = project.expressions[column] else {
                return nil
            }
            return source(of: project.input, column: ref.index)
        case .filter(let filter): return source(of: filter.input, column: column)
        case .lastJoin(let join):
            let leftCount = join.left.columns.count
            return column < leftCount ? source(of: join.left, column: column) : nil
        case .windowAggregate(let node):
            return column < node.input.columns.count ? source(of: node.input, column: column) : nil
        case .singleRow, .join, .groupAggregate, .sort, .limit, .union, .distinct:
            return nil
        }
    }

    /// The index serving `window` over `plan` (the main input or a union source).
    public static func windowIndex(_ window: WindowSpecification, over plan: PhysicalPlan) -> IndexBinding? {
        guard !window.partitionBy.isEmpty else { return nil }
        guard let orderBy = window.orderBy else { return unorderedWindowIndex(window, over: plan) }
        guard let (table, columns) = columnsOfOneTable(window.partitionBy + [orderBy], over: plan) else { return nil }
        var keys = columns
        guard let ts = keys.popLast() else { return nil }
        let existing = table.indexes.first { $0.serves(keys: keys, ts: ts) }
        return IndexBinding(
            database: table.database, table: table.name, indexName: existing?.name, keyColumns: keys, tsColumn: ts,
            requiredTTL: requiredTTL(window.frame))
    }

    /// A window without ORDER BY reads its partition's rows in arrival order: any index on
    /// exactly the partition columns serves it (its TS is not used), read whole.
    private static func unorderedWindowIndex(_ window: WindowSpecification, over plan: PhysicalPlan)
        -> IndexBinding?
    {
        guard let (table, keys) = columnsOfOneTable(window.partitionBy, over: plan) else { return nil }
        let wanted = Set(keys.map { $0.lowercased() })
        let existing =
            table.indexes.first { $0.tsColumn == nil && Set($0.keyColumns.map { $0.lowercased() }) == wanted }
            ?? table.indexes.first { Set($0.keyColumns.map { $0.lowercased() }) == wanted }
        return IndexBinding(
            database: table.database, table: table.name, indexName: existing?.name,
            keyColumns: existing?.keyColumns ?? keys, tsColumn: existing?.tsColumn, requiredTTL: TTL.forever)
    }

    /// The table and column names `exprs` read, when each is a plain column of the same table.
    private static func columnsOfOneTable(_ exprs: [BoundExpr], over plan: PhysicalPlan) -> (TableDef, [String])? {
        var columns: [String] = []
        var table: TableDef?
        for expr in exprs {
            guard case .column(let ref) = expr, let found = source(of: plan, column: ref.index) else { return nil }
            if let table, table.name != found.table.name || table.database != found.table.database { return nil }
            table = found.table
            columns.append(found.column)
        }
        return table.map { ($0, columns) }
    }

    /// The order of a LAST JOIN without ORDER BY whose right side is a UNION of tables: "last"
    /// is the newest by the TS of the index each table has on the join keys (OpenMLDB reads
    /// each table through that index), when every branch has one and they agree on the column.
    /// Nil otherwise (then the last row in the right side's order wins, as for any subquery).
    public static func unionOrder(_ join: LastJoinNode) -> BoundExpr? {
        guard join.orderBy == nil, join.index == nil else { return nil }
        // Down through projections and filters to the union, keeping output → union column.
        var plan = join.right
        var toUnion: [Int?] = Array(join.right.columns.indices)
        while true {
            switch plan {
            case .project(let node):
                toUnion = toUnion.map { c in
                    guard let c, c < node.expressions.count, case .column(let ref) = node.expressions[c] else {
                        return nil
                    }
                    return ref.index
                }
                plan = node.input
                continue
            case .filter(let node):
                plan = node.input
                continue
            default: break
            }
            break
        }
        guard case .union(let union) = plan else { return nil }
        let keyColumns = join.rightKeys.compactMap { key -> Int? in
            guard case .column(let ref) = key, ref.index < toUnion.count else { return nil }
            return toUnion[ref.index]
        }
        guard keyColumns.count == join.rightKeys.count, !keyColumns.isEmpty else { return nil }
        var tsColumn: Int?
        for input in union.inputs {
            var table: TableDef?
            var keys: [String] = []
            for column in keyColumns {
                guard let found = source(of: input, column: column),
                    table == nil || table?.name == found.table.name
                else { return nil }
                table = found.table
                keys.append(found.column.lowercased())
            }
            guard let table,
                let index = table.indexes.first(where: { Set($0.keyColumns.map { $0.lowercased() }) == Set(keys) }),
                let ts = index.tsColumn,
                let j = input.columns.indices.first(where: {
                    source(of: input, column: $0)?.column.lowercased() == ts.lowercased()
                })
            else { return nil }
            if let tsColumn, tsColumn != j { return nil }
            tsColumn = j
        }
        guard let tsColumn, let output = toUnion.firstIndex(of: tsColumn) else { return nil }
        let column = join.right.columns[output]
        return .column(ColumnReference(index: output, name: column.name, type: column.type))
    }

    /// The right table's index serving a LAST JOIN's lookup.
    public static func lastJoinIndex(_ join: LastJoinNode) -> IndexBinding? {
        if lastJoinOrderTable(join) != nil { return nil }
        var keys: [String] = []
        var table: TableDef?
        for expr in join.rightKeys {
            guard case .column(let ref) = expr, let found = source(of: join.right, column: ref.index) else { continue }
            if let table, table.name != found.table.name { continue }
            table = found.table
            keys.append(found.column)
        }
        var ts: String?
        if let orderBy = join.orderBy {
            guard case .column(let ref) = orderBy, let found = source(of: join.right, column: ref.index) else {
                return nil
            }
            table = table ?? found.table
            ts = found.column
        }
        guard let table, !keys.isEmpty else { return nil }
        let lowered = Set(keys.map { $0.lowercased() })
        // Prefer an index on exactly the equality columns, else one on a subset of them.
        let candidates = table.indexes.filter { index in
            Set(index.keyColumns.map { $0.lowercased() }).isSubset(of: lowered)
                && (ts == nil || index.tsColumn?.lowercased() == ts?.lowercased())
        }
        let best = candidates.first { Set($0.keyColumns.map { $0.lowercased() }) == lowered } ?? candidates.first
        return IndexBinding(
            database: table.database, table: table.name, indexName: best?.name, keyColumns: best?.keyColumns ?? keys,
            tsColumn: best?.tsColumn ?? ts, requiredTTL: TTL(kind: .latest, latestCount: 1))
    }

    /// When a LAST JOIN's ORDER BY column does not come from the table of its key columns (a
    /// subquery joining two tables), no index can serve it: (key table, ORDER BY's table, nil
    /// when it is computed or joined inside the subquery).
    public static func lastJoinOrderTable(_ join: LastJoinNode) -> (key: String, order: String?)? {
        guard let orderBy = join.orderBy, case .column(let ref) = orderBy else { return nil }
        let order = source(of: join.right, column: ref.index)
        for expr in join.rightKeys {
            guard case .column(let key) = expr, let found = source(of: join.right, column: key.index) else { continue }
            guard let order else { return (found.table.name, nil) }
            if found.table.name != order.table.name || found.table.database != order.table.database {
                return (found.table.name, order.table.name)
            }
            return nil
        }
        return nil
    }

    /// The TTL a window's frame needs its index to keep.
    public static func requiredTTL(_ frame: FrameSpec) -> TTL {
        switch frame.unit {
        case .rows:
            return TTL(kind: .latest, latestCount: frame.start.map { max(0, -$0) } ?? 0)
        case .rowsRange:
            guard let start = frame.start else { return TTL(kind: .absolute) }
            // Whole minutes, rounded up (start is at least -2^62: the binder's largest offset).
            let span = max(0, -start)
            let minutes = max(1, span / 60_000 + (span % 60_000 == 0 ? 0 : 1))
            return TTL(kind: .absolute, absoluteMs: minutes * 60_000)
        }
    }
}
