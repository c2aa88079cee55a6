import TideCore
import TideExec
import TidePlan

/// How VERIFY DEPLOYMENT finds a replayed row's offline answer in a batch run.
///
/// The batch output keeps the input's order, one row per request-table row that passes the
/// deployment's WHERE. When that WHERE reads only the table's own columns (a filter right on
/// the scan), which stored rows have an answer is known by evaluating it; otherwise (a filter
/// over computed values) it is found by comparing the output counts of two batch runs.
///
/// One batch over the whole table answers every row that no later-arriving row precedes in
/// any window's order (later rows then fall after it, outside every frame ending at it),
/// provided the plan reads the request table once (no self-join or subquery over it, from
/// which the as-of replay would also hide rows) and orders its windows by plain columns of
/// the table. Other rows need a batch over the rows up to them.
struct VerifyReplayPlan {
    /// For each stored row (in arrival order): its answer over the whole table is its answer
    /// over the rows up to it.
    let unaffectedByLaterRows: [Bool]
    /// For each stored row: whether it has an output row (nil: not known without running).
    let answered: [Bool]?

    init(plan: PhysicalPlan, table: TableDef, rows: [StoredRow], context: FunctionContext) throws {
        let shape = Self.shape(plan, table: table)
        if shape.otherFilters {
            answered = nil
        } else if let predicate = shape.scanFilter {
            let evaluator = try RowEvaluator(predicate, context: context)
            answered = try rows.map { try evaluator.evaluate($0.values) == .bool(true) }
        } else {
            answered = Array(repeating: true, count: rows.count)
        }
        guard let orderColumns = shape.orderColumns, answered != nil else {
            unaffectedByLaterRows = Array(repeating: false, count: rows.count)
            return
        }
        var flags = Array(repeating: true, count: rows.count)
        for column in orderColumns {
            // The smallest order value among the rows after each row, walking back from the end.
            var laterMinimum: Int64? = nil
            for i in rows.indices.reversed() {
                let value = WindowOrder.orderValue(rows[i].values[column])
                if let laterMinimum, laterMinimum < value { flags[i] = false }
                laterMinimum = min(laterMinimum ?? value, value)
            }
        }
        unaffectedByLaterRows = flags
    }

    /// The output row of stored row `i` in a batch over rows `0...` (through `i` at least).
    func outputIndex(of i: Int) -> Int? {
        guard let answered, answered[i] else { return nil }
        return answered[..<i].lazy.filter { $0 }.count
    }

    private struct Shape {
        /// The table columns the windows order by; nil when the whole-table shortcut does not
        /// hold.
        var orderColumns: [Int]?
        /// The WHERE right on the request table's scan.
        var scanFilter: BoundExpr?
        /// A filter anywhere else (over joined or computed values).
        var otherFilters = false
    }

    private static func shape(_ plan: PhysicalPlan, table: TableDef) -> Shape {
        var shape = Shape()
        var scans = 0
        var columns: Set<Int> = []
        var ordersKnown = true
        var pending = [plan]
        while let next = pending.popLast() {
            switch next {
            case .scan(let scan) where isTable(scan, table):
                scans += 1
            case .filter(let filter):
                if case .scan(let scan) = filter.input, isTable(scan, table), shape.scanFilter == nil {
                    shape.scanFilter = filter.predicate
                } else {
                    shape.otherFilters = true
                }
            case .windowAggregate(let node):
                // Order columns are known only over the table's own rows (not a projection).
                guard readsTableDirectly(node.input, table) else {
                    ordersKnown = false
                    break
                }
                for window in node.windows {
                    guard let order = window.orderBy else { continue }
                    guard case .column(let reference) = order, let i = table.columnIndex(reference.name) else {
                        ordersKnown = false
                        continue
                    }
                    columns.insert(i)
                }
            default: break
            }
            pending += next.children
        }
        shape.orderColumns = scans == 1 && ordersKnown ? columns.sorted() : nil
        return shape
    }

    private static func isTable(_ scan: ScanNode, _ table: TableDef) -> Bool {
        scan.table.database == table.database && scan.table.name == table.name
    }

    private static func readsTableDirectly(_ plan: PhysicalPlan, _ table: TableDef) -> Bool {
        switch plan {
        case .scan(let scan): return isTable(scan, table)
        case .filter(let filter): return readsTableDirectly(filter.input, table)
        default: return false
        }
    }
}
