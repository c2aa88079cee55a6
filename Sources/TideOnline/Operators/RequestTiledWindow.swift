import TideCore
import TideExec
import TidePlan

/// Long-window aggregates from tiles for one request: the whole buckets inside the frame come
/// from the key's tiles, the rows at both edges of the frame (and the request row when the
/// frame holds it) are added one by one, exactly as the tiles were built.
enum RequestTiledWindow {
    /// The values of `calls` (all in `set.calls`), or nil when tiles cannot serve this request
    /// (no whole bucket in the frame, an unbounded frame start, or the set not ready): the
    /// caller then computes them from rows.
    static func values(
        _ calls: [WindowAggregateCall], set: TileSet, reader: any TileReader, window: WindowSpecification,
        input: PhysicalPlan, current: [Value], t: Int64, partition: [Value], builder: RequestOperatorBuilder
    ) throws -> [Value]? {
        let reach = WindowHistoryReach(window: window, t: t)
        guard var low = reach.from, let binding = window.index, let table = input.indexReadTable else { return nil }
        let high = reach.to
        if let cutoff = reader.expiryCutoff(set), cutoff >= low { low = cutoff &+ 1 }
        let bucket = set.bucketMs
        // Far from the Int64 ends, so that bucket arithmetic cannot overflow.
        let limit = Int64.max / 4
        guard low > -limit, high < limit, low <= high else { return nil }
        let first = TileBuckets.firstStart(atOrAfter: low, size: bucket)
        let lastEnd = TileBuckets.start(of: high &+ 1, size: bucket) &- 1
        let last = lastEnd &- bucket &+ 1
        guard first <= last else { return nil }
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
        guard
            let merge = try reader.merged(
                set, slots: slots, key: key, first: first, last: last, low: low, high: high)
        else { return nil }
        var partials = merge.partials
        let arguments = try slots.map { try $0.arguments.map(builder.evaluator) }
        func add(_ row: [Value]) throws {
            for i in slots.indices {
                let values = try arguments[i].map { try $0.evaluate(row) }
                slots[i].add(values, to: &partials[i])
            }
        }
        // The rows at the frame's edges, unless the edge bucket's tile held them all.
        let edges = [(low, first &- 1, merge.lowEdgeMerged), (last &+ bucket, high, merge.highEdgeMerged)]
        for (from, to, merged) in edges where from <= to && !merged {
            let rows = try builder.sourceRows(input, binding: binding, key: key, from: from, to: to, limit: nil)
            for row in rows { try add(row.values) }
        }
        if window.frame.endIncludesCurrentRow && !window.excludeCurrentRow { try add(current) }
        return aggregates.map { $0.aggregate.result(partials[$0.slot], context: builder.context) }
    }
}
