import TideCore
import TideExec
import TidePlan

/// Long-window aggregates from tiles for one request: the whole tiles inside the frame come
/// from the key's tiles, the rows at the frame's edges (and the request row when the frame
/// holds it) are added one by one, exactly as the tiles were built.
enum RequestTiledWindow {
    /// The values of `calls` (all in `set.calls`), or nil when tiles cannot serve this request
    /// (no whole tile in the frame, an unbounded time frame, the set not ready, or row-count
    /// tiles whose order cannot tell the newest rows): the caller then computes them from rows.
    static func values(
        _ calls: [WindowAggregateCall], set: TileSet, reader: any TileReader, window: WindowSpecification,
        input: PhysicalPlan, current: [Value], t: Int64, partition: [Value], builder: RequestOperatorBuilder
    ) throws -> [Value]? {
        let reach = WindowHistoryReach(window: window, t: t)
        guard let binding = window.index, let table = input.indexReadTable else { return nil }
        let key = try RequestWindowAggregate.indexKey(binding, table: table, window: window, values: partition)
        // Calls folding the same thing (count, sum, max of one column) read one slot: its
        // partial is merged and its edge rows added once, and each call reads its result off it.
        var slots: [TileSlot] = []
        let aggregates = try calls.map { call -> (aggregate: TileAggregate, slot: Int) in
            guard let aggregate = TileAggregate(call.signature), let slot = TileSlot(call) else {
                throw TideError.internal("\(call.signature.name) is not a tile aggregate")
            }
            if let known = slots.firstIndex(of: slot) { return (aggregate, known) }
            slots.append(slot)
            return (aggregate, slots.count - 1)
        }
        let source = Source(input: input, binding: binding, key: key, builder: builder)
        let found: (partials: [TilePartial], rows: [StoredRow])?
        if let bucket = set.bucketMs {
            found = try timeBuckets(set, bucket: bucket, slots: slots, reader: reader, reach: reach, source: source)
        } else {
            found = try rowCountTiles(set, slots: slots, reader: reader, reach: reach, source: source)
        }
        guard let found else { return nil }
        var partials = found.partials
        let arguments = try slots.map { try $0.arguments.map(builder.evaluator) }
        func add(_ row: [Value]) throws {
            for i in slots.indices {
                let values = try arguments[i].map { try $0.evaluate(row) }
                slots[i].add(values, to: &partials[i])
            }
        }
        for row in found.rows { try add(row.values) }
        if window.frame.endIncludesCurrentRow && !window.excludeCurrentRow { try add(current) }
        return aggregates.map { $0.aggregate.result(partials[$0.slot], context: builder.context) }
    }

    /// Where a request reads the rows tiles do not hold: the key's rows through the window's index.
    private struct Source {
        let input: PhysicalPlan
        let binding: IndexBinding
        let key: [Value]
        let builder: RequestOperatorBuilder

        /// The key's rows with TS in `[from, to]`, newest first.
        func rows(from: Int64, to: Int64) throws -> [StoredRow] {
            try builder.sourceRows(input, binding: binding, key: key, from: from, to: to, limit: nil)
        }
    }

    /// Time buckets: the partials of the whole buckets inside the frame (and of an edge
    /// bucket whose rows all lie in it), and the rows of the frame's edges.
    private static func timeBuckets(
        _ set: TileSet, bucket: Int64, slots: [TileSlot], reader: any TileReader, reach: WindowHistoryReach,
        source: Source
    ) throws -> (partials: [TilePartial], rows: [StoredRow])? {
        guard var low = reach.from else { return nil }
        let high = reach.to
        if let cutoff = reader.expiryCutoff(set), cutoff >= low { low = cutoff &+ 1 }
        // Far from the Int64 ends, so that bucket arithmetic cannot overflow.
        let limit = Int64.max / 4
        guard low > -limit, high < limit, low <= high else { return nil }
        let first = TileBuckets.firstStart(atOrAfter: low, size: bucket)
        let lastEnd = TileBuckets.start(of: high &+ 1, size: bucket) &- 1
        let last = lastEnd &- bucket &+ 1
        guard first <= last,
            let merge = try reader.merged(
                set, slots: slots, key: source.key, low: low, high: high)
        else { return nil }
        var rows: [StoredRow] = []
        // The rows at the frame's edges, unless the edge bucket's tile held them all.
        let edges = [(low, first &- 1, merge.lowEdgeMerged), (last &+ bucket, high, merge.highEdgeMerged)]
        for (from, to, merged) in edges where from <= to && !merged { rows += try source.rows(from: from, to: to) }
        return (merge.partials, rows)
    }

    /// Row-count tiles, walked newest first: a tile whose rows all lie in the frame's TS range
    /// and fit in what is left of its row limit (ROWS frames) is merged whole; the others'
    /// rows in the range are read (those of the tile: by seq), newest first, up to the limit.
    /// The frame is the newest rows by (TS, seq), so this holds only when no row left out is
    /// newer than a row taken; otherwise (rows arrived far out of order) nil.
    private static func rowCountTiles(
        _ set: TileSet, slots: [TileSlot], reader: any TileReader, reach: WindowHistoryReach, source: Source
    ) throws -> (partials: [TilePartial], rows: [StoredRow])? {
        var low = reach.from ?? Int64.min
        if let cutoff = reader.expiryCutoff(set), cutoff >= low { low = cutoff &+ 1 }
        let high = reach.to
        let limit = reach.limit ?? Int.max
        guard low <= high, let list = try reader.rowTiles(set, slots: slots, key: source.key, low: low) else {
            return nil
        }
        var merged = Array(repeating: TilePartial(), count: list.slotCount)
        var rows: [StoredRow] = []
        var taken = 0
        var oldestTaken = Int64.max
        var newestLeft = Int64.min
        for tile in list.tiles {
            if taken >= limit {
                // This tile and every older one are left out.
                newestLeft = max(newestLeft, min(tile.runningMaxTS, high))
                break
            }
            let from = max(tile.minTS, low)
            let to = min(tile.maxTS, high)
            guard from <= to else { continue }
            if tile.minTS >= low, tile.maxTS <= high, tile.rows <= limit - taken {
                try list.merge(tile, &merged)
                taken += tile.rows
                oldestTaken = min(oldestTaken, tile.minTS)
                continue
            }
            let own = try source.rows(from: from, to: to).filter { tile.holds($0.seq) }
            let take = min(own.count, limit - taken)
            rows += own[..<take]
            taken += take
            if take > 0, let ts = own[take - 1].values[set.tsPosition].int64Value { oldestTaken = min(oldestTaken, ts) }
            if take < own.count, let ts = own[take].values[set.tsPosition].int64Value {
                newestLeft = max(newestLeft, ts)
            }
        }
        // Ties at one TS are fine: a row taken from a newer tile arrived later.
        guard newestLeft <= oldestTaken else { return nil }
        return (list.positions.map { merged[$0] }, rows)
    }
}
