import TideCore
import TideExec
import TidePlan

/// LAST JOIN over whole tables: for each left row, the right row with the largest ORDER BY
/// value among those with its keys that satisfy the residual condition, else NULLs. Right
/// rows are bucketed by key so each left row probes one bucket; columns are gathered, not
/// copied row by row.
enum BatchLastJoin {
    static func run(_ node: LastJoinNode, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let left = try builder.run(node.left)
        var rightColumns: [[Value]]
        let matches: [Int]
        do {
            let right = try builder.run(node.right)
            matches = try Self.matches(node, left: left, right: right, builder: builder)
            rightColumns = right.columns
        }
        // One right column at a time, each released once gathered: the join holds at most one
        // right column twice, not the whole right side next to its gathered copy.
        var gathered: [[Value]] = []
        gathered.reserveCapacity(rightColumns.count)
        for c in rightColumns.indices {
            let column = rightColumns[c]
            rightColumns[c] = []
            gathered.append(
                try ParallelWork.build(matches.count) { rows, output in
                    for r in rows { output.append(matches[r] >= 0 ? column[matches[r]] : .null) }
                })
        }
        return ColumnBatch(columns: left.columns + gathered, count: left.count)
    }

    /// For each left row, the position of its right row, or -1. The key index and the key
    /// columns live only while this runs.
    private static func matches(
        _ node: LastJoinNode, left: ColumnBatch, right: ColumnBatch, builder: BatchOperatorBuilder
    ) throws -> [Int] {
        let matcher = try LastJoinMatcher(node, context: builder.context, parameters: builder.engine.parameters)
        let order = try node.effectiveOrder.map { try builder.evaluate($0, over: right) }
        let leftKeys = try node.leftKeys.map { try builder.evaluate($0, over: left) }
        let rightKeys = try node.rightKeys.map { try builder.evaluate($0, over: right) }
        let matches: [Int]
        let interrupt = builder.context
        if !matcher.hasResidual {
            // Without a residual condition the match is the key's best row: the last one in
            // matching order (ORDER BY, ties and no ORDER BY in ingestion order).
            let ordered = order.map { matcher.prepare(orderValues: $0, count: right.count).map(\.index) }
            func best(_ preferred: some BidirectionalCollection<Int> & Sendable) throws -> [Int] {
                if node.leftKeys.isEmpty {
                    return [Int](repeating: preferred.last ?? -1, count: left.count)
                }
                if rightKeys.count == 1, let best = try IntegerKeyIndex(rightKeys[0], rows: preferred),
                    let probes = try IntegerKeyIndex.keys(leftKeys[0]), probes.type == best.type
                {
                    return try ParallelWork.build(left.count) { rows, output in
                        try interrupt.checkInterrupt()
                        for r in rows { output.append(best.match(probes.keys[r], isNull: probes.nulls[r])) }
                    }
                }
                var index: [[Value]: Int] = [:]
                index.reserveCapacity(preferred.count)
                for r in preferred { index[rightKeys.map { $0[r] }] = r }
                let found = index
                return try ParallelWork.build(left.count) { rows, output in
                    try interrupt.checkInterrupt()
                    for l in rows { output.append(found[leftKeys.map { $0[l] }] ?? -1) }
                }
            }
            // Without ORDER BY the rows in ingestion order, not an array of them.
            matches = try ordered.map(best) ?? best(0..<right.count)
        } else {
            let candidates = matcher.prepare(orderValues: order, count: right.count)
            // Candidate positions per key (one key column hashes as one value).
            var groupedByValue: [Value: [Int]] = [:]
            var grouped: [[Value]: [Int]] = [:]
            for position in candidates.indices {
                let r = candidates[position].index
                if rightKeys.count == 1 {
                    groupedByValue[rightKeys[0][r], default: []].append(position)
                } else {
                    grouped[rightKeys.map { $0[r] }, default: []].append(position)
                }
            }
            let (bucketsByValue, buckets) = (groupedByValue, grouped)
            let all = Array(candidates.indices)
            let keyed = !node.leftKeys.isEmpty
            let single = leftKeys.count == 1
            let leftWidth = left.columns.count
            // Only the columns the residual reads are copied into the joined row.
            let leftRead = matcher.residualColumns.filter { $0 < leftWidth }
            let rightRead = matcher.residualColumns.filter { $0 >= leftWidth && $0 - leftWidth < right.columns.count }
                .map { $0 - leftWidth }
            matches = try ParallelWork.build(left.count, minimum: 4_096) { rows, output in
                try interrupt.checkInterrupt()
                // One joined row reused for every probe: the left part once per left row.
                var joined = [Value](repeating: .null, count: leftWidth + right.columns.count)
                for l in rows {
                    let bucket =
                        !keyed ? all : (single ? bucketsByValue[leftKeys[0][l]] : buckets[leftKeys.map { $0[l] }]) ?? []
                    guard !bucket.isEmpty else {
                        output.append(-1)
                        continue
                    }
                    for c in leftRead { joined[c] = left.columns[c][l] }
                    let match = try matcher.last(among: bucket, candidates: candidates) { r in
                        for c in rightRead { joined[leftWidth + c] = right.columns[c][r] }
                        return try matcher.residualHolds(joined: joined)
                    }
                    output.append(match ?? -1)
                }
            }
        }
        return matches
    }
}

/// The best right row per integer key (the last candidate with it), for LAST JOINs on one
/// integer-like key column without a residual condition: keys hash as Int64, not as values.
/// The keys are split into shards by a hash of their value, each built by its own thread
/// (a table's 10 M keys take seconds to insert on one).
struct IntegerKeyIndex: Sendable {
    /// The one type of every non-NULL key (keys of different types never match).
    let type: DataType
    private let shards: [[Int64: Int]]
    private let nullRow: Int

    /// The index of right rows `preferred` (best last) by their keys; nil unless the keys are
    /// NULL or all of one integer-like type.
    init?(_ keys: [Value], rows preferred: some BidirectionalCollection<Int> & Sendable) throws {
        guard let typed = try Self.keys(keys) else { return nil }
        type = typed.type
        let shardCount = preferred.count < 65_536 ? 1 : ParallelWork.cores * 2
        shards = try ParallelWork.map(shardCount) { shard in
            var rows: [Int64: Int] = [:]
            rows.reserveCapacity(preferred.count / shardCount + 1)
            for r in preferred where !typed.nulls[r] && Self.shard(of: typed.keys[r], among: shardCount) == shard {
                rows[typed.keys[r]] = r
            }
            return rows
        }
        nullRow = preferred.last { typed.nulls[$0] } ?? -1
    }

    private static func shard(of key: Int64, among count: Int) -> Int {
        count == 1 ? 0 : Int(((UInt64(bitPattern: key) &* 0x9E37_79B9_7F4A_7C15) >> 32) % UInt64(count))
    }

    /// The right row for a left key (NULL matches NULL, as an index lookup does), else -1.
    func match(_ key: Int64, isNull: Bool) -> Int {
        isNull ? nullRow : shards[Self.shard(of: key, among: shards.count)][key] ?? -1
    }

    /// The keys as Int64, which are NULL, and their one type; nil if they are not NULL or
    /// all of one integer-like type (at least one not NULL). Converted in parallel by ranges.
    static func keys(_ values: [Value]) throws -> (keys: [Int64], nulls: [Bool], type: DataType)? {
        let ranges = ParallelWork.ranges(values.count, minimum: 65_536)
        // Per range: nil if a key is not integer-like or two types differ, else its one type (if any).
        let types = try ParallelWork.map(ranges.count) { piece -> DataType?? in
            var type: DataType?
            for value in values[ranges[piece]] {
                switch value {
                case .null: continue
                case .int16, .int32, .int64, .timestamp, .date:
                    guard type == nil || type == value.dataType else { return .none }
                    type = value.dataType
                case .bool, .float, .double, .string, .array, .map:
                    return .none
                }
            }
            return .some(type)
        }
        var type: DataType?
        for rangeType in types {
            guard let rangeType else { return nil }
            guard let t = rangeType else { continue }
            guard type == nil || type == t else { return nil }
            type = t
        }
        guard let type else { return nil }
        let keys = try ParallelWork.build(values.count) { rows, output in
            for r in rows { output.append(values[r].int64Value ?? 0) }
        }
        let nulls = try ParallelWork.build(values.count) { rows, output in
            for r in rows { output.append(values[r].isNull) }
        }
        return (keys, nulls, type)
    }
}
