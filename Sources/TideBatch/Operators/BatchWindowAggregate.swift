import Dispatch
import Synchronization
import TideCore
import TideExec
import TidePlan

/// Window aggregates over whole tables: rows are grouped by partition key, ordered by
/// `(order value, source rank, seq)` and handed, partition by partition and in parallel, to
/// TideExec's `WindowFrameRanges` and `WindowAggregation`, the same frame arithmetic and
/// aggregates the request engine uses for one request.
enum BatchWindowAggregate {
    static func run(_ node: WindowAggregateNode, builder: BatchOperatorBuilder) throws -> ColumnBatch {
        let input = try builder.run(node.input)
        var output = input.columns
        var results = Array(repeating: [Value](repeating: .null, count: input.count), count: node.aggregates.count)
        for (w, window) in node.windows.enumerated() {
            let calls = node.aggregates.enumerated().filter { $0.element.window == w }
            guard !calls.isEmpty else { continue }
            let unions = try window.unions.map { try builder.run($0) }
            let computed = try computeWindow(
                window, calls: calls.map(\.element), input: input, unions: unions, builder: builder)
            for (i, call) in calls.enumerated() {
                for (row, value) in zip(computed.rows, computed.values[i]) { results[call.offset][row] = value }
            }
        }
        output.append(contentsOf: results)
        return ColumnBatch(columns: output, count: input.count)
    }

    /// One row of a partition: which relation it comes from (0 = main, j = union source j)
    /// and its position there.
    struct RowRef: Hashable {
        var source: Int
        var index: Int
    }

    /// Each call's value for each main row, in `rows` order.
    private static func computeWindow(
        _ window: WindowSpecification, calls: [WindowAggregateCall], input: ColumnBatch, unions: [ColumnBatch],
        builder: BatchOperatorBuilder
    ) throws -> (rows: [Int], values: [[Value]]) {
        let relations = [input] + unions
        // Partition keys, order values and aggregate arguments, per relation.
        var keys: [[[Value]]] = []
        var orders: [[Int64]] = []
        var arguments: [[[[Value]]]] = []  // [relation][call][argument] -> column
        for relation in relations {
            let keyColumns = try window.partitionBy.map { try builder.evaluate($0, over: relation) }
            keys.append((0..<relation.count).map { r in keyColumns.map { $0[r] } })
            if let orderBy = window.orderBy {
                let column = try builder.evaluate(orderBy, over: relation)
                orders.append(column.map { $0.int64Value ?? Int64.min })
            } else {
                orders.append(Array(repeating: 0, count: relation.count))
            }
            arguments.append(
                try calls.map { call in try call.arguments.map { try builder.evaluate($0, over: relation) } })
        }
        // Group into partitions, keeping first-seen order of keys for determinism.
        var partitionOf: [[Value]: Int] = [:]
        var partitions: [[RowRef]] = []
        for (s, relation) in relations.enumerated() {
            for r in 0..<relation.count {
                let key = keys[s][r]
                if let p = partitionOf[key] {
                    partitions[p].append(RowRef(source: s, index: r))
                } else if s == 0 {
                    partitionOf[key] = partitions.count
                    partitions.append([RowRef(source: s, index: r)])
                }
                // Union rows whose key has no main row can never enter a window: skipped.
            }
        }
        let kernels = try calls.map { try FunctionLibrary.aggregateKernel($0.signature) }
        let context = builder.context
        // Immutable copies for the parallel loop.
        let (allPartitions, allOrders, allArguments) = (partitions, orders, arguments)
        let collected = Mutex<[(rows: [Int], values: [[Value]])]>([])
        let failure = Mutex<(any Error)?>(nil)
        let chunks = max(1, min(partitions.count, ProcessorInfo.cores * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            var rows: [Int] = []
            var values = Array(repeating: [Value](), count: calls.count)
            do {
                for p in stride(from: chunk, to: allPartitions.count, by: chunks) {
                    let ordered = allPartitions[p].sorted { a, b in
                        let (ta, tb) = (allOrders[a.source][a.index], allOrders[b.source][b.index])
                        if ta != tb { return ta < tb }
                        // Equal order: later union sources first, then earlier ones, main rows last.
                        let (ra, rb) = (a.source == 0 ? 0 : -a.source, b.source == 0 ? 0 : -b.source)
                        if ra != rb { return ra < rb }
                        return a.index < b.index
                    }
                    let partition = WindowPartitionRows(
                        orders: ordered.map { allOrders[$0.source][$0.index] }, isMain: ordered.map { $0.source == 0 },
                        emit: ordered.map { $0.source == 0 })
                    let ranges = WindowFrameRanges(window: window, rows: partition)
                    let perCall = calls.indices.map { c in
                        ordered.map { ref in allArguments[ref.source][c].map { $0[ref.index] } }
                    }
                    let out = try WindowAggregation(kernels: kernels, context: context).run(ranges, arguments: perCall)
                    for (f, frame) in ranges.frames.enumerated() {
                        rows.append(ordered[frame.row].index)
                        for c in calls.indices { values[c].append(out[f][c]) }
                    }
                }
                collected.withLock { $0.append((rows, values)) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var rows: [Int] = []
        var values = Array(repeating: [Value](), count: calls.count)
        for part in collected.withLock({ $0 }) {
            rows.append(contentsOf: part.rows)
            for c in calls.indices { values[c].append(contentsOf: part.values[c]) }
        }
        return (rows, values)
    }
}
