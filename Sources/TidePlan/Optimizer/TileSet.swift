import TideCore

/// The pre-aggregated tiles of one long window of a deployment: per key of the window's
/// index and per bucket (a time span of the TS, or a number of rows in arrival order), the
/// partial aggregates of the calls tiles can compute (`TileAggregate`: count, sum, avg, min,
/// max, their `_where` forms, distinct_count and the `_cate` forms). Every write of the table
/// updates them in the same RocksDB write as its rows; a request combines whole tiles inside
/// its frame with the rows at its edges.
public struct TileSet: Sendable, Hashable {
    /// `database.deployment.window`, lowercased: the tiles' name in the store.
    public var name: String
    public var table: TableDef
    /// The window's index: its key columns (positions in the table, in the index's key order)
    /// and TS column.
    public var indexName: String
    public var keyPositions: [Int]
    public var tsPosition: Int
    public var bucket: LongWindow.Bucket
    /// The tiled calls, in the order of their partials in a tile.
    public var calls: [WindowAggregateCall]
    /// The window the calls run over.
    public var window: WindowSpecification
}

/// Which long-window calls of a deployment tiles serve, and why the others do not.
public struct TilePlan: Sendable {
    public var sets: [TileSet] = []
    /// A line per long-window call tiles do not serve, with the reason (EXPLAIN DEPLOY).
    public var untiled: [String] = []

    public init() {}

    /// The tile sets of deployment `database.deployment` for its long windows, from the
    /// calls `LongWindowRules` found over them. Tiles need: a frame without MAXSIZE over the
    /// table itself (no WHERE below the window) ordered by its index's TS and partitioned by
    /// its key, ROWS_RANGE, or ROWS ending at the current row with a row-count bucket; an
    /// index TTL with no latest-count component (the newest-N rule would need the rows).
    public init(database: String, deployment: String, uses: [LongWindowRules.Use], plan: PhysicalPlan) {
        var nodes: [WindowAggregateNode] = []
        var pending = [plan]
        while let next = pending.popLast() {
            if case .windowAggregate(let node) = next { nodes.append(node) }
            pending += next.children
        }
        for use in uses {
            guard let node = nodes.first(where: { $0.aggregates.contains(use.call) }) else { continue }
            let window = node.windows[use.call.window]
            let label = "\(use.call.column.name) (window \(use.window.window))"
            let why = Self.refusal(use, window: window, input: node.input)
            if let why {
                untiled.append("\(label): computed from rows (\(why))")
                continue
            }
            guard case .scan(let scan) = node.input, let binding = window.index, let indexName = binding.indexName,
                let index = scan.table.indexes.first(where: { $0.name == indexName }),
                let tsName = index.tsColumn, let tsPosition = scan.table.columnIndex(tsName)
            else { continue }
            let keyPositions = index.keyColumns.compactMap { scan.table.columnIndex($0) }
            let name = "\(database).\(deployment).\(use.window.window)".lowercased()
            if let i = sets.firstIndex(where: { $0.name == name && $0.window == window }) {
                sets[i].calls.append(use.call)
            } else {
                sets.append(
                    TileSet(
                        name: name, table: scan.table, indexName: indexName, keyPositions: keyPositions,
                        tsPosition: tsPosition, bucket: use.window.bucket, calls: [use.call], window: window))
            }
        }
    }

    /// Why tiles cannot serve `use`, or nil when they can.
    private static func refusal(_ use: LongWindowRules.Use, window: WindowSpecification, input: PhysicalPlan) -> String?
    {
        if window.frame.unit == .rows {
            guard case .rows = use.window.bucket else { return "a ROWS frame needs a row-count bucket" }
            guard window.frame.end == 0 else { return "a ROWS frame ending before the current row" }
        }
        guard window.maxSize == nil else { return "MAXSIZE" }
        guard window.unions.isEmpty else { return "WINDOW UNION" }
        guard use.call.nested.isEmpty, !use.call.overElements else { return "a nested aggregate" }
        guard case .scan(let scan) = input else { return "a WHERE or a subquery below the window" }
        guard let binding = window.index, let indexName = binding.indexName,
            let index = scan.table.indexes.first(where: { $0.name == indexName }), let tsName = index.tsColumn
        else { return "no index with a TS serves the window" }
        guard case .column(let order)? = window.orderBy, order.name.lowercased() == tsName.lowercased() else {
            return "ORDER BY is not the index's TS column"
        }
        let partition = window.partitionBy.compactMap { e -> String? in
            if case .column(let c) = e { return c.name.lowercased() }
            return nil
        }
        guard partition.count == window.partitionBy.count,
            Set(partition) == Set(index.keyColumns.map { $0.lowercased() })
        else { return "PARTITION BY is not the index's key" }
        guard !keepsNewestOnly(index.ttl) else { return "the index TTL keeps only the newest rows" }
        // The function is one of LongWindowRules.functions, all of which tiles compute.
        return nil
    }

    /// Whether the TTL's latest-count component can expire rows.
    static func keepsNewestOnly(_ ttl: TTL) -> Bool {
        switch ttl.kind {
        case .absolute: return false
        case .latest, .absOrLat: return ttl.latestCount > 0
        case .absAndLat: return ttl.latestCount > 0 && ttl.absoluteMs > 0
        }
    }
}

extension TileSet {
    /// The bucket's span in milliseconds (nil: a row-count bucket).
    public var bucketMs: Int64? {
        if case .milliseconds(let ms) = bucket { return ms }
        return nil
    }
}

extension LongWindow.Bucket {
    /// How EXPLAIN and the store name it: `3600000 ms`, `1000 rows`.
    public var label: String {
        switch self {
        case .milliseconds(let ms): return "\(ms) ms"
        case .rows(let rows): return "\(rows) rows"
        }
    }
}
