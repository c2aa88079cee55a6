import TideCore
import TideExec
import TidePlan

/// Window aggregates for one request row: each window's history is read from the main
/// table's index (and each union source's) with one seek and a bounded scan, ordered as the
/// batch engine orders a partition, and the request row is appended as the newest row. The
/// frame arithmetic and aggregates are TideExec's, exactly as in the batch engine.
enum RequestWindowAggregate {
    static func run(_ compiled: RequestWindowNode, input: [Value], builder: RequestOperatorBuilder) throws -> [Value] {
        let node = compiled.node
        var results = Array(repeating: Value.null, count: node.aggregates.count)
        // Windows without a row limit read first, those reaching furthest back (and up to the
        // newest rows) before the others: a later read over the same index and key, a ROWS
        // window's newest rows included, is then served from their rows (`IndexReadCache`),
        // which caches only reads without a limit.
        var orders: [Int64] = []
        orders.reserveCapacity(node.windows.count)
        let reach = try node.windows.indices.map { w -> WindowHistoryReach in
            let t = try compiled.windows[w].get().order.map { WindowOrder.orderValue(try $0.evaluate(input)) } ?? 0
            orders.append(t)
            return WindowHistoryReach(window: node.windows[w], t: t)
        }
        let wanted =
            input.count == compiled.width ? compiled.wanted : RequestWindowColumns.wanted(node, width: input.count)
        let readOrder = node.windows.indices.sorted { a, b in
            let (x, y) = (reach[a], reach[b])
            if (x.limit == nil) != (y.limit == nil) { return x.limit == nil }
            if x.from != y.from { return (x.from ?? Int64.min) < (y.from ?? Int64.min) }
            return x.to > y.to
        }
        for w in readOrder {
            let window = node.windows[w]
            var prepared = try compiled.windows[w].get()
            guard !prepared.calls.isEmpty else { continue }
            let t = orders[w]
            let partition = try prepared.partition.map { try $0.evaluate(input) }
            // Long-window calls that tiles serve: whole buckets from tiles, edges from rows.
            if let reader = builder.engine.tiles, let set = reader.tileSet(for: window) {
                let tiled = prepared.calls.indices.filter { set.calls.contains(prepared.calls[$0]) }
                if !tiled.isEmpty,
                    let values = try RequestTiledWindow.values(
                        tiled.map { prepared.calls[$0] }, set: set, reader: reader, window: window, input: node.input,
                        current: input, t: t, partition: partition, builder: builder)
                {
                    for (i, c) in tiled.enumerated() { results[prepared.offsets[c]] = values[i] }
                    prepared = prepared.keeping(prepared.calls.indices.filter { !tiled.contains($0) })
                }
            }
            guard !prepared.calls.isEmpty else { continue }
            let compiledWidth = input.count == compiled.width
            let used = compiledWidth ? prepared.used : RequestWindowColumns.used(node, window: w, width: input.count)
            let values = try compute(
                window, prepared, current: input, t: t, partition: partition, wanted: wanted, used: used,
                sourceWanted: compiledWidth ? prepared.sourceWanted : nil, builder: builder)
            for (i, offset) in prepared.offsets.enumerated() { results[offset] = values[i] }
        }
        return input + results
    }

    /// A history row with its place in window order.
    struct HistoryRow {
        var values: [Value]
        var order: Int64
        /// 0 for the main table, j for union source j.
        var source: Int
        var seq: UInt64
    }

    private static func compute(
        _ window: WindowSpecification, _ prepared: RequestWindowNode.Window, current: [Value], t: Int64,
        partition: [Value], wanted: [Bool]?, used: [Bool]?, sourceWanted: [[Bool]?]?,
        builder: RequestOperatorBuilder
    ) throws -> [Value] {
        let calls = prepared.calls
        let kernels = prepared.kernels
        let bounds = fetchBounds(window, calls: prepared.everyCall, kernels: prepared.everyKernel, t: t)
        if let wanted, let used, calls.allSatisfy({ $0.nested.isEmpty }),
            let history = try RequestWindowColumns.read(
                window, sources: prepared.sources, current: current, t: t, partition: partition, bounds: bounds,
                wanted: wanted, used: used, sourceWanted: sourceWanted, builder: builder)
        {
            return try history.results(
                calls, kernels: kernels, typed: prepared.typed, categories: prepared.categories, window: window,
                builder: builder)
        }
        var history: [HistoryRow] = []
        let sources = prepared.sources
        // The order value of a history row, compiled once (not per row).
        let orderOf: ([Value]) throws -> Int64
        if case .column(let reference)? = window.orderBy {
            orderOf = { reference.index < $0.count ? WindowOrder.orderValue($0[reference.index]) : Int64.min }
        } else if let compiled = prepared.order {
            orderOf = { WindowOrder.orderValue(try compiled.evaluate($0)) }
        } else {
            orderOf = { _ in 0 }
        }
        for source in sources {
            guard let binding = source.binding, let table = source.plan.indexReadTable else {
                throw TideError(
                    .featureNotSupported, "window \(window.name) has no index to read in request mode",
                    hint: "DEPLOY the query to create the indexes it needs")
            }
            let key = try indexKey(binding, table: table, window: window, values: partition)
            // Without ORDER BY a window is in arrival order, which an index's TS order is not:
            // the key's rows are read whole and ordered by their ingestion seq.
            let ordered = window.orderBy != nil
            var rows = try builder.sourceRows(
                source.plan, binding: binding, key: key, from: ordered ? bounds.from : nil,
                to: ordered ? bounds.to : nil, limit: ordered ? bounds.limit : nil)
            if ordered, needsLagRows(bounds, read: rows.count) {
                // lag counts back through the partition, beyond the frame: read enough rows for it.
                let more = try builder.sourceRows(
                    source.plan, binding: binding, key: key, from: nil, to: bounds.lagTo, limit: bounds.lagRows)
                let seen = Set(rows.map(\.seq))
                rows += more.filter { !seen.contains($0.seq) }
            }
            for row in rows {
                history.append(
                    HistoryRow(values: row.values, order: try orderOf(row.values), source: source.rank, seq: row.seq))
            }
        }
        // TideExec's window order; the request row, appended last, is the newest.
        history.sort {
            WindowOrder(order: $0.order, source: $0.source, seq: $0.seq)
                < WindowOrder(order: $1.order, source: $1.source, seq: $1.seq)
        }
        let rows = history.map(\.values) + [current]
        let partitionRows = WindowPartitionRows(
            orders: history.map(\.order) + [t], isMain: history.map { $0.source == 0 } + [true],
            emit: Array(repeating: false, count: history.count) + [true])
        let ranges = WindowFrameRanges(window: window, rows: partitionRows)
        // Calls with aggregates inside their arguments are evaluated frame by frame.
        let simple = calls.indices.filter { calls[$0].nested.isEmpty }
        let arguments = try simple.map { c in
            try calls[c].arguments.map { expr -> [Value] in
                if case .column(let ref) = expr { return rows.map { ref.index < $0.count ? $0[ref.index] : .null } }
                let compiled = try builder.evaluator(expr)
                return try rows.map { try compiled.evaluate($0) }
            }
        }
        let results = try WindowAggregation(
            kernels: simple.map { kernels[$0] },
            typed: simple.map { prepared.typed[$0] },
            categories: simple.map { prepared.categories[$0] },
            context: builder.context
        ).run(ranges, arguments: arguments)
        var values = [Value](repeating: .null, count: calls.count)
        for (i, c) in simple.enumerated() { values[c] = results[i].first ?? .null }
        let nested = NestedWindowAggregation(context: builder.context, parameters: builder.engine.parameters)
        for c in calls.indices where !calls[c].nested.isEmpty {
            values[c] = try nested.run(calls[c], ranges: ranges, rows: rows).first ?? .null
        }
        return values
    }

    /// How much history a window needs (`fetchBounds`).
    typealias FetchBounds = (from: Int64?, to: Int64, limit: Int?, lagRows: Int, lagTo: Int64)

    /// Where a window's history comes from: the main input (unless INSTANCE_NOT_IN_WINDOW), then
    /// each union source, with the index serving it (nil: none) and its rank in window order.
    static func historySources(_ window: WindowSpecification, input: PhysicalPlan)
        -> [(plan: PhysicalPlan, binding: IndexBinding?, rank: Int)]
    {
        var sources: [(plan: PhysicalPlan, binding: IndexBinding?, rank: Int)] = []
        if !window.instanceNotInWindow { sources.append((input, window.index, 0)) }
        for (j, union) in window.unions.enumerated() {
            sources.append((union, j < window.unionIndexes.count ? window.unionIndexes[j] : nil, j + 1))
        }
        return sources
    }

    /// Whether `lag` counts back beyond the `read` rows a frame's read returned (the partition,
    /// not the frame): then the rows up to `lagTo` are read again, enough for it.
    static func needsLagRows(_ bounds: FetchBounds, read: Int) -> Bool {
        bounds.lagRows > 0 && (bounds.lagRows > read || bounds.lagTo != bounds.to)
    }

    /// How much history a window needs: TideExec's frame reach for the request's TS (rows
    /// in the frame's TS range, the newest of them up to the frame's row count or MAXSIZE);
    /// `lag` may need more rows, counted back through the partition.
    static func fetchBounds(
        _ window: WindowSpecification, calls: [WindowAggregateCall], kernels: [AggregateKernel], t: Int64
    ) -> FetchBounds {
        let reach = WindowHistoryReach(window: window, t: t)
        let (from, to, limit) = (reach.from, reach.to, reach.limit)
        var lagRows = 0
        for (call, kernel) in zip(calls, kernels) where kernel.ignoresFrame {
            if call.arguments.count > 1, case .literal(let offset, _) = call.arguments[1], let n = offset.int64Value {
                lagRows = max(lagRows, Int(clamping: n))
            } else {
                lagRows = Int.max
            }
        }
        return (from, to, limit, lagRows, reach.historyEnd)
    }

    /// The partition values in the order of the index's key columns.
    static func indexKey(_ binding: IndexBinding, table: TableDef, window: WindowSpecification, values: [Value])
        throws -> [Value]
    {
        var byName: [String: Value] = [:]
        for (name, value) in zip(binding.keyColumns, values) { byName[name.lowercased()] = value }
        let order = table.indexes.first { $0.name == binding.indexName }?.keyColumns ?? binding.keyColumns
        return try order.map { name in
            guard let value = byName[name.lowercased()] else {
                throw TideError.internal("index key column \(name) is not a partition column of \(window.name)")
            }
            return value
        }
    }
}
