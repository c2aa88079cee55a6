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
        var results = Array(repeating: [Value](), count: node.aggregates.count)
        // Windows with the same partition, order and union sources share one pass.
        var groups: [[Int]] = []
        for w in node.windows.indices {
            let window = node.windows[w]
            if let g = groups.firstIndex(where: { group in
                let first = node.windows[group[0]]
                return first.partitionBy == window.partitionBy && first.orderBy == window.orderBy
                    && first.unions == window.unions
            }) {
                groups[g].append(w)
            } else {
                groups.append([w])
            }
        }
        for group in groups {
            let members = group.map { w in
                (window: node.windows[w], calls: node.aggregates.enumerated().filter { $0.element.window == w })
            }.filter { !$0.calls.isEmpty }
            guard let first = members.first?.window else { continue }
            let unions = try first.unions.map { try builder.run($0) }
            let computed = try computeGroup(
                members.map { ($0.window, $0.calls.map(\.element)) }, input: input, unions: unions, builder: builder)
            for (m, member) in members.enumerated() {
                for (i, call) in member.calls.enumerated() { results[call.offset] = computed[m][i] }
            }
        }
        output.append(contentsOf: results)
        return ColumnBatch(columns: output, count: input.count)
    }

    /// A relation's evaluated inputs for one window: partition of each row, order values,
    /// and each distinct argument expression as a column.
    struct Prepared {
        var partition: [Int32]
        var orders: [Int64]
        var argumentColumns: [[Value]]
    }

    /// For each window of a group sharing partition and order, each call's value for every main row.
    private static func computeGroup(
        _ windows: [(window: WindowSpecification, calls: [WindowAggregateCall])], input: ColumnBatch,
        unions: [ColumnBatch], builder: BatchOperatorBuilder
    ) throws -> [[[Value]]] {
        let shape = windows[0].window
        let relations = [input] + unions
        // Distinct argument expressions of every call, evaluated once per relation. Calls with
        // aggregates inside their arguments evaluate them per frame over whole rows instead.
        var distinct: [BoundExpr] = []
        let argumentSlots = windows.map { member in
            member.calls.map { call in
                guard call.nested.isEmpty else { return [Int]() }
                return call.arguments.map { expr -> Int in
                    if let i = distinct.firstIndex(of: expr) { return i }
                    distinct.append(expr)
                    return distinct.count - 1
                }
            }
        }
        let needsRows = windows.contains { $0.calls.contains { !$0.nested.isEmpty } }
        var partitionOf: [[Value]: Int32] = [:]
        var prepared: [Prepared] = []
        for (s, relation) in relations.enumerated() {
            let keyColumns = try shape.partitionBy.map { try builder.evaluate($0, over: relation) }
            var partition = [Int32](repeating: -1, count: relation.count)
            var key = [Value](repeating: .null, count: keyColumns.count)
            for r in 0..<relation.count {
                for k in keyColumns.indices { key[k] = keyColumns[k][r] }
                if let p = partitionOf[key] {
                    partition[r] = p
                } else if s == 0 {
                    // Union rows whose key has no main row never enter a window.
                    let p = Int32(partitionOf.count)
                    partitionOf[key] = p
                    partition[r] = p
                }
            }
            var orders = [Int64](repeating: 0, count: relation.count)
            if let orderBy = shape.orderBy {
                let column = try builder.evaluate(orderBy, over: relation)
                for r in 0..<relation.count { orders[r] = WindowOrder.orderValue(column[r]) }
            }
            let columns = try distinct.map { expr -> [Value] in
                if case .column(let ref) = expr, ref.index < relation.columns.count {
                    return relation.columns[ref.index]
                }
                return try builder.evaluate(expr, over: relation)
            }
            prepared.append(Prepared(partition: partition, orders: orders, argumentColumns: columns))
        }
        // Rows of each partition, in source order (main rows first, then each union source).
        var members = Array(repeating: [RowRef](), count: partitionOf.count)
        for (s, relation) in prepared.enumerated() {
            for r in relation.partition.indices where relation.partition[r] >= 0 {
                members[Int(relation.partition[r])].append(RowRef(source: Int32(s), index: Int32(r)))
            }
        }
        let kernels = try windows.map { member in
            try member.calls.map { try FunctionLibrary.aggregateKernel($0.signature) }
        }
        let specs = windows.map(\.window)
        let context = builder.context
        let shared = (members, prepared, argumentSlots, relations)
        let parameters = builder.engine.parameters
        // Per chunk: the main rows it emitted, and values[window][call] aligned with them.
        let collected = Mutex<[(rows: [Int32], values: [[[Value]]])]>([])
        let failure = Mutex<(any Error)?>(nil)
        let chunks = max(1, min(members.count, ProcessorInfo.cores * 4))
        DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
            let (members, prepared, argumentSlots, relations) = shared
            let nested = NestedWindowAggregation(context: context, parameters: parameters)
            var rows: [Int32] = []
            var values = kernels.map { Array(repeating: [Value](), count: $0.count) }
            do {
                for p in stride(from: chunk, to: members.count, by: chunks) {
                    try context.checkInterrupt()
                    let ordered = members[p].sorted { a, b in
                        WindowOrder(
                            order: prepared[Int(a.source)].orders[Int(a.index)], source: Int(a.source),
                            seq: UInt64(a.index))
                            < WindowOrder(
                                order: prepared[Int(b.source)].orders[Int(b.index)], source: Int(b.source),
                                seq: UInt64(b.index))
                    }
                    let partition = WindowPartitionRows(
                        orders: ordered.map { prepared[Int($0.source)].orders[Int($0.index)] },
                        isMain: ordered.map { $0.source == 0 }, emit: ordered.map { $0.source == 0 })
                    var emitted = false
                    for (w, spec) in specs.enumerated() {
                        let ranges = WindowFrameRanges(window: spec, rows: partition)
                        if !emitted {
                            for frame in ranges.frames { rows.append(ordered[frame.row].index) }
                            emitted = true
                        }
                        let calls = windows[w].calls
                        let simple = calls.indices.filter { calls[$0].nested.isEmpty }
                        let arguments = simple.map { c in
                            argumentSlots[w][c].map { slot in
                                ordered.map { prepared[Int($0.source)].argumentColumns[slot][Int($0.index)] }
                            }
                        }
                        let out = try WindowAggregation(kernels: simple.map { kernels[w][$0] }, context: context).run(
                            ranges, arguments: arguments)
                        for (i, c) in simple.enumerated() { values[w][c].append(contentsOf: out[i]) }
                        if needsRows, simple.count < calls.count {
                            let rows = ordered.map { relations[Int($0.source)].row(Int($0.index)) }
                            for c in calls.indices where !calls[c].nested.isEmpty {
                                values[w][c].append(contentsOf: try nested.run(calls[c], ranges: ranges, rows: rows))
                            }
                        }
                    }
                }
                collected.withLock { $0.append((rows, values)) }
            } catch {
                failure.withLock { $0 = error }
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
        var results = kernels.map { Array(repeating: [Value](repeating: .null, count: input.count), count: $0.count) }
        for part in collected.withLock({ $0 }) {
            for w in kernels.indices {
                for c in kernels[w].indices {
                    for (i, row) in part.rows.enumerated() { results[w][c][Int(row)] = part.values[w][c][i] }
                }
            }
        }
        return results
    }

    /// One row of a partition: which relation it comes from (0 = main, j = union source j)
    /// and its position there.
    struct RowRef: Hashable {
        var source: Int32
        var index: Int32
    }
}
