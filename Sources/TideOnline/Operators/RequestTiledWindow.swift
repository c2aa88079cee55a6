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
        guard var partials = try reader.merged(set, key: key, first: first, last: last) else { return nil }
        let positions = calls.compactMap { call in set.calls.firstIndex(of: call) }
        guard positions.count == calls.count else { return nil }
        let aggregates = try calls.map { call -> (TileAggregate, TileSlot) in
            guard let aggregate = TileAggregate(call.signature), let slot = TileSlot(call) else {
                throw TideError.internal("\(call.signature.name) is not a tile aggregate")
            }
            return (aggregate, slot)
        }
        let arguments = try aggregates.map { try $0.1.arguments.map(builder.evaluator) }
        func add(_ row: [Value]) throws {
            for (i, call) in positions.enumerated() {
                let values = try arguments[i].map { try $0.evaluate(row) }
                aggregates[i].1.add(values, to: &partials[call])
            }
        }
        for (from, to) in [(low, first &- 1), (last &+ bucket, high)] where from <= to {
            let rows = try builder.sourceRows(input, binding: binding, key: key, from: from, to: to, limit: nil)
            for row in rows { try add(row.values) }
        }
        if window.frame.endIncludesCurrentRow && !window.excludeCurrentRow { try add(current) }
        return positions.enumerated().map { i, call in aggregates[i].0.result(partials[call], context: builder.context)
        }
    }
}
