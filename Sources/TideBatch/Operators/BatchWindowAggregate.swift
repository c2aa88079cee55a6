import Dispatch
import Synchronization
import TideCore
import TideExec
import TidePlan

/// Window aggregates over whole tables: rows are grouped by partition key, ordered by
/// `(order value, source rank, seq)` and handed, partition by partition and in parallel, to
/// TideExec's `WindowFrameRanges` and `WindowSlide`, the same frame arithmetic and frame walk
/// the request engine uses for one request. count, sum, avg, min, max, their `_where` forms
/// and distinct_count run as `TypedWindowKernel`s over unboxed (or dictionary-coded)
/// argument columns; every other aggregate runs boxed through `WindowAggregation`.
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

    /// A relation's evaluated inputs for one window group: partition of each row, order
    /// values, and each distinct argument expression as a column (boxed, and unboxed or coded
    /// where a typed kernel reads it).
    struct Prepared {
        var partition: [Int32]
        var orders: [Int64]
        var argumentColumns: [[Value]]
        var typedColumns: [Int: TypedColumn] = [:]
        var codes: [Int: [Int32]] = [:]
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
        var typed = windows.map { member in
            member.calls.map { call in
                call.nested.isEmpty && !call.overElements ? TypedWindowKernel(call.signature) : nil
            }
        }
        // What the typed kernels read of each argument slot.
        var columnTypes: [Int: DataType] = [:]
        var codeTypes: [Int: DataType] = [:]
        for w in typed.indices {
            for c in typed[w].indices {
                guard let kernel = typed[w][c] else { continue }
                for (k, input) in kernel.inputs.enumerated() {
                    switch input {
                    case .column(let type): columnTypes[argumentSlots[w][c][k]] = type
                    case .codes(let type): codeTypes[argumentSlots[w][c][k]] = type
                    }
                }
            }
        }
        var coders = codeTypes.mapValues { DistinctCoder(type: $0) }
        let needsRows = windows.contains { $0.calls.contains { !$0.nested.isEmpty } }
        var partitions = PartitionNumbering(expectedRows: input.count)
        var prepared: [Prepared] = []
        var failedSlots = Set<Int>()
        for (s, relation) in relations.enumerated() {
            let keyColumns = try shape.partitionBy.map { try builder.evaluate($0, over: relation) }
            // Union rows whose key has no main row never enter a window (-1).
            let partition = try partitions.number(keyColumns, rows: relation.count, create: s == 0)
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
            var relationInputs = Prepared(partition: partition, orders: orders, argumentColumns: columns)
            for (slot, type) in columnTypes where !failedSlots.contains(slot) {
                if let column = TypedColumn(columns[slot], type: type) {
                    relationInputs.typedColumns[slot] = column
                } else {
                    failedSlots.insert(slot)
                }
            }
            for slot in codeTypes.keys where !failedSlots.contains(slot) {
                if let codes = try coders[slot]?.codes(columns[slot]) {
                    relationInputs.codes[slot] = codes
                } else {
                    failedSlots.insert(slot)
                }
            }
            prepared.append(relationInputs)
        }
        // A value of an unexpected type in any relation sends the calls reading it to the boxed path.
        for w in typed.indices {
            for c in typed[w].indices
            where typed[w][c] != nil && argumentSlots[w][c].contains(where: failedSlots.contains) {
                typed[w][c] = nil
            }
        }
        let codeCounts = coders.mapValues(\.count)
        let unboxedSlots = columnTypes.keys.filter { !failedSlots.contains($0) }
        let codedSlots = codeTypes.keys.filter { !failedSlots.contains($0) }
        // Rows of each partition, in source order (main rows first, then each union source),
        // placed by a counting sort into one array: partition p's rows are
        // `members.rows[members.starts[p]..<members.starts[p + 1]]`.
        let members = PartitionMembers(partitions: prepared.map(\.partition), count: Int(partitions.count))
        let kernels = try windows.map { member in
            try member.calls.map { try FunctionLibrary.aggregateKernel($0.signature) }
        }
        let specs = windows.map(\.window)
        let context = builder.context
        let shared = (members, prepared, argumentSlots, relations, typed)
        let parameters = builder.engine.parameters
        // Every call's column, written in place by the chunk that computes each row.
        let slotOfCall = kernels.indices.map { w in kernels[..<w].reduce(0) { $0 + $1.count } }
        let columns = try ScatteredColumns.build(columns: kernels.reduce(0) { $0 + $1.count }, rows: input.count) {
            output in
            let failure = Mutex<(any Error)?>(nil)
            let chunks = max(1, min(members.partitionCount, ParallelWork.cores * 4))
            DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
                let (members, prepared, argumentSlots, relations, typed) = shared
                let nested = NestedWindowAggregation(context: context, parameters: parameters)
                var localCodes = codeCounts.mapValues { LocalCodes(count: $0) }
                do {
                    for p in stride(from: chunk, to: members.partitionCount, by: chunks) {
                        try context.checkInterrupt()
                        // Each row's order value is read once (the rows lie scattered over the
                        // relations), and the sort compares the gathered copies.
                        var keyed = members.rows(of: p).map { ref in
                            WindowOrder(
                                order: prepared[Int(ref.source)].orders[Int(ref.index)], source: Int(ref.source),
                                seq: UInt64(ref.index))
                        }
                        keyed.sort()
                        let ordered = keyed.map { PartitionRowRef(source: Int32($0.source), index: Int32($0.seq)) }
                        let partition = WindowPartitionRows(
                            orders: keyed.map(\.order), isMain: keyed.map { $0.source == 0 },
                            emit: keyed.map { $0.source == 0 })
                        // The partition's unboxed and coded arguments, gathered once for every window.
                        var typedColumns: [Int: TypedColumn] = [:]
                        for slot in unboxedSlots {
                            typedColumns[slot] = TypedColumn.gather(
                                prepared.map { $0.typedColumns[slot] ?? TypedColumn(representation: .presence) },
                                rows: ordered)
                        }
                        var partitionCodes: [Int: (codes: [Int32], count: Int32)] = [:]
                        for slot in codedSlots {
                            let codes = ordered.map { prepared[Int($0.source)].codes[slot]?[Int($0.index)] ?? 0 }
                            partitionCodes[slot] = localCodes[slot]?.renumber(codes)
                        }
                        // The main row of each emitted frame (every window emits the same rows).
                        var emittedRows: [Int] = []
                        func place(_ w: Int, _ c: Int, _ values: [Value]) {
                            for (i, value) in values.enumerated() {
                                output.set(slotOfCall[w] + c, row: emittedRows[i], to: value)
                            }
                        }
                        for (w, spec) in specs.enumerated() {
                            let ranges = WindowFrameRanges(window: spec, rows: partition)
                            if emittedRows.isEmpty { emittedRows = ranges.frames.map { Int(ordered[$0.row].index) } }
                            let calls = windows[w].calls
                            let currentCandidates = WindowSlide.currentCandidates(ranges)
                            for c in calls.indices {
                                guard let kernel = typed[w][c] else { continue }
                                let slots = argumentSlots[w][c]
                                place(
                                    w, c,
                                    try kernel.run(
                                        ranges, currentCandidates: currentCandidates,
                                        columns: slots.map { typedColumns[$0] },
                                        codes: kernel.operation == .distinctCount ? partitionCodes[slots[0]] : nil))
                            }
                            let boxed = calls.indices.filter { calls[$0].nested.isEmpty && typed[w][$0] == nil }
                            if !boxed.isEmpty {
                                let arguments = boxed.map { c in
                                    argumentSlots[w][c].map { slot in
                                        ordered.map { prepared[Int($0.source)].argumentColumns[slot][Int($0.index)] }
                                    }
                                }
                                let out = try WindowAggregation(kernels: boxed.map { kernels[w][$0] }, context: context)
                                    .run(ranges, arguments: arguments, currentCandidates: currentCandidates)
                                for (i, c) in boxed.enumerated() { place(w, c, out[i]) }
                            }
                            if needsRows, calls.contains(where: { !$0.nested.isEmpty }) {
                                let rows = ordered.map { relations[Int($0.source)].row(Int($0.index)) }
                                for c in calls.indices where !calls[c].nested.isEmpty {
                                    place(w, c, try nested.run(calls[c], ranges: ranges, rows: rows))
                                }
                            }
                        }
                    }
                } catch {
                    failure.withLock { $0 = error }
                }
            }
            if let error = failure.withLock({ $0 }) { throw error }
        }
        return kernels.indices.map { w in kernels[w].indices.map { columns[slotOfCall[w] + $0] } }
    }
}
