import TideCore
import TideExec
import TidePlan

/// A window's history for one request held column by column, read with only the columns the
/// node's aggregates and ORDER BY use (`IndexColumns`): no array per history row and no
/// decoding of the columns nothing reads. It serves windows ordered by a column whose
/// sources are tables read through their indexes and whose calls have no aggregate inside
/// their arguments; `RequestWindowAggregate` reads every other window row by row. The frame
/// arithmetic and aggregates are the same (`WindowFrameRanges`, `WindowAggregation`).
struct RequestWindowColumns {
    /// Per input column, its values in window order with the request row last (empty where
    /// not read).
    var columns: [ColumnValues]
    var partition: WindowPartitionRows

    /// The input columns `node` reads of history rows: every window's `used` columns; nil when
    /// an ORDER BY is not a plain column.
    static func wanted(_ node: WindowAggregateNode, width: Int) -> [Bool]? {
        var wanted = [Bool](repeating: false, count: width)
        for w in node.windows.indices {
            guard let used = used(node, window: w, width: width) else { return nil }
            for c in used.indices where used[c] { wanted[c] = true }
        }
        return wanted
    }

    /// The input columns window `w` of `node` reads of its history rows: its calls' arguments
    /// and its ORDER BY column (a subset of `wanted`); nil when its ORDER BY is not a column.
    static func used(_ node: WindowAggregateNode, window w: Int, width: Int) -> [Bool]? {
        guard case .column(let reference)? = node.windows[w].orderBy else { return nil }
        var used = [Bool](repeating: false, count: width)
        var inRange = true
        func mark(_ expr: BoundExpr) {
            expr.visitColumns { index in
                if index < width { used[index] = true } else { inRange = false }
            }
        }
        mark(.column(reference))
        for call in node.aggregates where call.window == w {
            for nested in call.withNested { nested.arguments.forEach(mark) }
        }
        return inRange ? used : nil
    }

    /// The history of `window` from its `sources` for the request row `current` (ORDER BY value
    /// `t`), or nil when a source is not a table read through an index (the caller then reads rows).
    /// Source `i`'s read decodes the columns `sourceWanted[i]` names (those of every window
    /// reading its index, so that the read is shared), else the node's `wanted`; the history
    /// keeps the `used` ones, this window's.
    static func read(
        _ window: WindowSpecification, sources: [(plan: PhysicalPlan, binding: IndexBinding?, rank: Int)],
        current: [Value], t: Int64, partition: [Value], bounds: RequestWindowAggregate.FetchBounds, wanted: [Bool],
        used: [Bool], sourceWanted: [[Bool]?]?, builder: RequestOperatorBuilder
    ) throws -> RequestWindowColumns? {
        guard case .column(let orderColumn)? = window.orderBy, current.count == wanted.count else { return nil }
        var read: [(rows: IndexColumnsView, rank: Int)] = []
        for (i, source) in sources.enumerated() {
            let wanted = sourceWanted.flatMap { i < $0.count ? $0[i] : nil } ?? wanted
            guard let binding = source.binding, let table = source.plan.indexReadTable,
                used.count == wanted.count, zip(used, wanted).allSatisfy({ !$0 || $1 })
            else { return nil }
            let key = try RequestWindowAggregate.indexKey(binding, table: table, window: window, values: partition)
            guard
                var rows = try builder.sourceColumns(
                    source.plan, binding: binding, key: key, from: bounds.from, to: bounds.to,
                    limit: bounds.limit, wanted: wanted)
            else { return nil }
            if RequestWindowAggregate.needsLagRows(bounds, read: rows.count) {
                guard
                    let more = try builder.sourceColumns(
                        source.plan, binding: binding, key: key, from: nil, to: bounds.lagTo,
                        limit: bounds.lagRows, wanted: wanted)?.rows
                else { return nil }
                var columns = rows.rows
                let seen = Set(columns.seqs)
                for r in 0..<more.count where !seen.contains(more.seqs[r]) { columns.append(row: r, of: more) }
                rows = IndexColumnsView(columns)
            }
            read.append((rows, source.rank))
        }
        return Self(read, orderColumn: orderColumn.index, current: current, t: t, wanted: used)
    }

    /// The rows of every source in TideExec's window order, then the request row.
    private init(
        _ views: [(rows: IndexColumnsView, rank: Int)], orderColumn: Int, current: [Value], t: Int64, wanted: [Bool]
    ) {
        if views.count == 1,
            let (columns, orders) = Self.reversedInOrder(
                views[0].rows, orderColumn: orderColumn, wanted: wanted, then: t)
        {
            // One source already in window order once reversed (the usual case): no sort, no gather.
            var reversed = columns
            self.columns = wanted.indices.map { c in
                var column = reversed[c]
                guard wanted[c] else { return column }
                // Taken out, so that the request row is appended in place (room was reserved).
                reversed[c] = .boxed([])
                column.append(current[c])
                return column
            }
            // `orders` ends with the request row's.
            let last = orders.count - 1
            var isMain = [Bool](repeating: views[0].rank == 0, count: orders.count)
            isMain[last] = true
            var emit = [Bool](repeating: false, count: orders.count)
            emit[last] = true
            partition = WindowPartitionRows(orders: orders, isMain: isMain, emit: emit)
            return
        }
        let read = views.map { (columns: $0.rows.rows, rank: $0.rank) }
        struct Place {
            var order: Int64
            var source: Int
            var seq: UInt64
            var read: Int
            var row: Int
        }
        var places: [Place] = []
        places.reserveCapacity(read.reduce(0) { $0 + $1.columns.count })
        for (i, source) in read.enumerated() {
            let orders = source.columns.columns[orderColumn]
            // Index order is newest first: oldest first is the reverse.
            for r in stride(from: source.columns.count - 1, through: 0, by: -1) {
                places.append(
                    Place(
                        order: WindowOrder.orderValue(orders.value(r)), source: source.rank,
                        seq: source.columns.seqs[r], read: i, row: r))
            }
        }
        func precedes(_ a: Place, _ b: Place) -> Bool {
            WindowOrder(order: a.order, source: a.source, seq: a.seq)
                < WindowOrder(order: b.order, source: b.source, seq: b.seq)
        }
        if read.count > 1 || zip(places, places.dropFirst()).contains(where: { !precedes($0, $1) }) {
            places.sort(by: precedes)
        }
        let rows = places.map { (part: $0.read, row: $0.row) }
        columns = wanted.indices.map { c in
            guard wanted[c] else { return .boxed([]) }
            var column = ColumnValues.gathering(read.map { $0.columns.columns[c] }, rows)
            column.append(current[c])
            return column
        }
        var orders = places.map(\.order)
        orders.append(t)
        var isMain = places.map { $0.source == 0 }
        isMain.append(true)
        var emit = [Bool](repeating: false, count: places.count)
        emit.append(true)
        partition = WindowPartitionRows(orders: orders, isMain: isMain, emit: emit)
    }

    /// One read's wanted columns and ORDER BY values oldest first (its rows reversed; the
    /// request row's order value `t` last), or nil when the reversed rows are not in window
    /// order (ORDER BY value, then seq).
    private static func reversedInOrder(_ rows: IndexColumnsView, orderColumn: Int, wanted: [Bool], then t: Int64)
        -> (columns: [ColumnValues], orders: [Int64])?
    {
        let (read, range) = (rows.read, rows.range)
        let orderValues = read.columns[orderColumn]
        var orders: [Int64] = []
        orders.reserveCapacity(range.count + 1)
        if case .integers(let values, let valid, _) = orderValues {
            // Integer-like values are their own order values (`WindowOrder.orderValue`), NULL first.
            for r in range.reversed() { orders.append(valid[r] ? values[r] : Int64.min) }
        } else {
            for r in range.reversed() { orders.append(WindowOrder.orderValue(orderValues.value(r))) }
        }
        // Position i holds row `last - i` of the read.
        let last = range.upperBound - 1
        for i in orders.indices.dropFirst() {
            let inOrder =
                orders[i - 1] < orders[i]
                || (orders[i - 1] == orders[i] && read.seqs[last - i + 1] < read.seqs[last - i])
            guard inOrder else { return nil }
        }
        orders.append(t)
        // Room for the request row, which the caller appends.
        let columns = wanted.indices.map { c in
            wanted[c] ? read.columns[c].reversed(range, reservingExtra: 1) : .boxed([])
        }
        return (columns, orders)
    }

    /// The request row's value of each call, over the frames of `window`.
    func results(
        _ calls: [WindowAggregateCall], kernels: [AggregateKernel], typed: [TypedWindowKernel?],
        categories: [TypedCategoryKernel?], window: WindowSpecification, builder: RequestOperatorBuilder
    ) throws -> [Value] {
        let ranges = WindowFrameRanges(window: window, rows: partition)
        let currentCandidates = WindowSlide.currentCandidates(ranges)
        return try calls.indices.map { c in
            let (call, kernel, typed, category) = (calls[c], kernels[c], typed[c], categories[c])
            if let typed, let inputs = try typedInputs(typed, arguments: call.arguments, builder: builder) {
                return try typed.run(
                    ranges, currentCandidates: currentCandidates, columns: inputs.columns, codes: inputs.codes
                ).first ?? .null
            }
            if let category, category.keyArgument < call.arguments.count,
                case .column(let key) = call.arguments[category.keyArgument],
                case .strings(let codes, let dictionary) = columns[key.index]
            {
                // The categories as the read coded them.
                return try category.run(
                    ranges, currentCandidates: currentCandidates,
                    values: try column(call.arguments[0], builder: builder),
                    keys: (codes, dictionary),
                    conditions: try category.conditionArgument.map { try values(call.arguments[$0], builder: builder) },
                    context: builder.context
                ).first ?? .null
            }
            let arguments = try call.arguments.map { try values($0, builder: builder) }
            return try WindowAggregation(
                kernels: [kernel], typed: [typed], categories: [category], context: builder.context
            ).run(ranges, arguments: [arguments], currentCandidates: currentCandidates)[0].first ?? .null
        }
    }

    /// A typed kernel's arguments taken unboxed from the columns, or nil when one is not
    /// (the call then runs over boxed values, as in the batch engine).
    private func typedInputs(_ kernel: TypedWindowKernel, arguments: [BoundExpr], builder: RequestOperatorBuilder)
        throws -> (columns: [TypedColumn?], codes: (codes: [Int32], count: Int32)?)?
    {
        guard arguments.count >= kernel.inputs.count else { return nil }
        var columns: [TypedColumn?] = []
        var codes: (codes: [Int32], count: Int32)?
        for (k, input) in kernel.inputs.enumerated() {
            switch input {
            case .column(let type):
                guard let column = try typedColumn(arguments[k], type: type, builder: builder) else { return nil }
                columns.append(column)
            case .codes(let type):
                guard type == .string, case .column(let reference) = arguments[k],
                    case .strings(let stringCodes, let dictionary) = self.columns[reference.index]
                else { return nil }
                codes = StringEquality.distinctCodes(stringCodes, dictionary: dictionary)
                columns.append(nil)
            }
        }
        return (columns, codes)
    }

    /// `expr` for every row as the typed kernels take it, nil if a value is not of `type`.
    private func typedColumn(_ expr: BoundExpr, type: DataType, builder: RequestOperatorBuilder) throws
        -> TypedColumn?
    {
        if case .column(let reference) = expr {
            switch columns[reference.index] {
            case .integers(let values, let valid, let columnType) where columnType == type:
                return TypedColumn(integers: values, valid: valid)
            case .floats(let values, let valid, let columnType) where columnType == type:
                return TypedColumn(floats: values, valid: valid)
            case .strings(let codes, _) where type == .string:
                return TypedColumn(presence: codes.map { $0 >= 0 })
            case .integers, .floats, .strings, .boxed:
                break
            }
        }
        if TypedColumn.representation(of: type) == .integers,
            let column = try integersByCode(expr, type: type, builder: builder)
        {
            return column
        }
        return TypedColumn(try values(expr, builder: builder), type: type)
    }

    /// `expr` unboxed as integers of `type` when it reads one string column (a condition such
    /// as `category = 'online'`), with no value boxed per row (`byDistinctString`); nil when
    /// it reads anything else, or a result is not of `type` (the caller then unboxes `values`,
    /// which gives up the same way).
    private func integersByCode(_ expr: BoundExpr, type: DataType, builder: RequestOperatorBuilder) throws
        -> TypedColumn?
    {
        guard
            let rows = try byDistinctString(
                expr, builder: builder,
                convert: { value in TypedColumn.integer(value, type).map { ($0, !value.isNull) } })
        else { return nil }
        return TypedColumn(integers: rows.map(\.0), valid: rows.map(\.1))
    }

    /// `expr` for every row through `convert`, when it reads exactly one string column: it is
    /// evaluated once per distinct string and once for NULL, not once per row. Nil when it
    /// reads anything else, or `convert` gives nil for a result.
    private func byDistinctString<T>(
        _ expr: BoundExpr, builder: RequestOperatorBuilder, convert: (Value) -> T?
    ) throws -> [T]? {
        var used: [Int] = []
        expr.visitColumns { if !used.contains($0) { used.append($0) } }
        guard used.count == 1, used[0] < columns.count, case .strings(let codes, let dictionary) = columns[used[0]]
        else { return nil }
        let compiled = try builder.evaluator(expr)
        var row = [Value](repeating: .null, count: columns.count)
        guard let null = convert(try compiled.evaluate(row)) else { return nil }
        var byCode = [T?](repeating: nil, count: dictionary.count)
        var out: [T] = []
        out.reserveCapacity(codes.count)
        for code in codes {
            guard code >= 0 else {
                out.append(null)
                continue
            }
            if let known = byCode[Int(code)] {
                out.append(known)
                continue
            }
            row[used[0]] = .string(dictionary[Int(code)])
            guard let value = convert(try compiled.evaluate(row)) else { return nil }
            byCode[Int(code)] = value
            out.append(value)
        }
        return out
    }

    /// `expr` for every row as a column: the read's own column when `expr` is one.
    private func column(_ expr: BoundExpr, builder: RequestOperatorBuilder) throws -> ColumnValues {
        if case .column(let reference) = expr { return columns[reference.index] }
        return .boxed(try values(expr, builder: builder))
    }

    /// `expr` for every row, oldest first and the request row last.
    func values(_ expr: BoundExpr, builder: RequestOperatorBuilder) throws -> [Value] {
        if case .column(let reference) = expr { return columns[reference.index].values }
        if let values = try byDistinctString(expr, builder: builder, convert: { $0 }) { return values }
        let compiled = try builder.evaluator(expr)
        var used: [Int] = []
        expr.visitColumns { if !used.contains($0) { used.append($0) } }
        var row = [Value](repeating: .null, count: columns.count)
        var out: [Value] = []
        out.reserveCapacity(partition.count)
        for r in 0..<partition.count {
            for c in used { row[c] = columns[c].value(r) }
            out.append(try compiled.evaluate(row))
        }
        return out
    }
}
