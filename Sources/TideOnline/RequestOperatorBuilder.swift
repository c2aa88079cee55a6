import TideCore
import TideExec
import TidePlan

/// Computes each plan node's one row for the request. The switch is exhaustive (no
/// `default:`), so a new plan node does not compile until request mode handles or rejects it.
struct RequestOperatorBuilder {
    let engine: RequestEngine
    let request: [Value]
    /// The request (main) table: the table the plan's leftmost scan reads.
    let mainTable: TableDef?
    /// This request's index reads, shared by windows over the same index and key.
    let reads = IndexReadCache()

    init(engine: RequestEngine, request: [Value], mainTable: TableDef?) {
        self.engine = engine
        self.request = request
        self.mainTable = mainTable
    }

    /// The table read by a plan's leftmost scan (through projections, filters, windows and
    /// the left side of LAST JOINs): the table whose newest row a request row is.
    static func leftmostTable(of plan: PhysicalPlan) -> TableDef? {
        switch plan {
        case .scan(let scan): return scan.table
        case .project(let node): return leftmostTable(of: node.input)
        case .filter(let node): return leftmostTable(of: node.input)
        case .limit(let node): return leftmostTable(of: node.input)
        case .windowAggregate(let node): return leftmostTable(of: node.input)
        case .lastJoin(let node): return leftmostTable(of: node.left)
        case .groupAggregate(let node): return leftmostTable(of: node.input)
        case .singleRow, .join, .sort, .union, .distinct: return nil
        }
    }

    /// The request row's own row of a subquery that reads the main table (OpenMLDB: the
    /// request row is the newest row of its table everywhere the query reads that table);
    /// nil when the subquery reads another table or its WHERE drops the request row.
    func requestRow(of plan: PhysicalPlan, compiled: RequestOperator) throws -> [Value]? {
        guard let main = mainTable, let source = Self.leftmostTable(of: plan),
            source.database == main.database, source.name == main.name
        else { return nil }
        return try row(compiled)
    }

    var context: FunctionContext { engine.context }

    /// The compiled node's row for the request, or nil when a WHERE (or LIMIT 0) drops it.
    func row(_ node: RequestOperator) throws -> [Value]? {
        switch node {
        case .scan: return request
        case .singleRow: return []
        case .project(let input, let expressions):
            guard let input = try row(input) else { return nil }
            return try expressions.get().map { try $0.evaluate(input) }
        case .filter(let input, let predicate):
            // WHERE filters the request row; windows read stored rows through the same
            // filter (`sourceRows`), as the batch engine filters before windowing.
            guard let input = try row(input) else { return nil }
            return Predicates.isTrue(try predicate.get().evaluate(input)) ? input : nil
        case .limit(let input, let count):
            return count > 0 ? try row(input) : nil
        case .windowAggregate(let input, let node):
            guard let input = try row(input) else { return nil }
            return try RequestWindowAggregate.run(node, input: input, builder: self)
        case .lastJoin(let left, let join):
            guard let left = try row(left) else { return nil }
            return try RequestLastJoin.join(join, left: left, builder: self)
        case .groupAggregate(let input, let node):
            guard let input = try row(input) else { return nil }
            return try RequestGroupAggregate.run(node, requestInput: input, builder: self)
        case .unsupported:
            // RequestModeValidator rejects these before execution, with the reason.
            throw TideError(.featureNotSupported, "this query cannot run in request mode")
        }
    }

    /// A compiled expression, for evaluating it over many rows.
    func evaluator(_ expr: BoundExpr) throws -> RowEvaluator {
        try RowEvaluator(expr, context: context, parameters: engine.parameters)
    }

    /// What an index read would return, found by scanning the whole table: for ad-hoc
    /// requests that no index serves (RequestModeValidator's `allowingTableScans`).
    private func scannedRows(
        _ table: TableDef, binding: IndexBinding, key: [Value], from: Int64?, to: Int64?, limit: Int?
    ) throws -> [StoredRow] {
        let keyPositions = binding.keyColumns.compactMap { table.columnIndex($0) }
        guard keyPositions.count == binding.keyColumns.count else {
            throw TideError.internal("index key of \(binding.table) names a column it does not have")
        }
        return StoredRow.indexRead(
            try engine.indexes.allRows(table: table), keyPositions: keyPositions, key: key,
            tsPosition: binding.tsColumn.flatMap { table.columnIndex($0) }, from: from, to: to, limit: limit)
    }

    /// Every stored row of the main table through `plan` (projections, filters and LAST JOINs
    /// over it), in arrival order: what a GROUP BY of a request reads.
    func storedRows(of plan: PhysicalPlan) throws -> [[Value]] {
        try rows(through: plan, limit: nil) { scan, _ in
            try engine.indexes.allRows(table: scan.table).sorted { $0.seq < $1.seq }
        }.map(\.values)
    }

    /// Stored rows of a source plan (a table, or projections and filters over one) for an
    /// index key and TS range, newest first, in the plan's own columns.
    func sourceRows(
        _ plan: PhysicalPlan, binding: IndexBinding, key: [Value], from: Int64?, to: Int64?, limit: Int?
    ) throws -> [StoredRow] {
        try rows(through: plan, limit: limit) { scan, limit in
            guard let index = binding.indexName else {
                return try scannedRows(scan.table, binding: binding, key: key, from: from, to: to, limit: limit)
            }
            let tsPosition = binding.tsColumn.flatMap { scan.table.columnIndex($0) }
            return try reads.rows(
                table: scan.table, index: index, key: key, from: from, to: to, limit: limit, tsPosition: tsPosition
            ) {
                try engine.indexes.rows(table: scan.table, index: index, key: key, from: from, to: to, limit: limit)
            }
        }
    }

    /// `sourceRows` column by column with only the `wanted` columns decoded, for a source that
    /// is a table read through one of its indexes; nil for any other source (projections,
    /// filters, joins, table scans), which `sourceRows` reads.
    func sourceColumns(
        _ plan: PhysicalPlan, binding: IndexBinding, key: [Value], from: Int64?, to: Int64?, limit: Int?,
        wanted: [Bool]
    ) throws -> IndexColumnsView? {
        guard case .scan(let scan) = plan, let index = binding.indexName, wanted.count == scan.table.columns.count
        else { return nil }
        let read = {
            try engine.indexes.columns(
                table: scan.table, index: index, key: key, from: from, to: to, limit: limit, wanted: wanted)
        }
        // Reads are shared by TS range, which an index without a TS column does not have.
        guard binding.tsColumn != nil else { return IndexColumnsView(try read()) }
        return try reads.columns(
            table: scan.table, index: index, key: key, from: from, to: to, limit: limit, wanted: wanted, read: read)
    }

    /// The rows `read` gives for the plan's table, carried through its projections, filters and
    /// LAST JOINs; at most `limit` of them (a limit is passed down to `read` unless a filter
    /// stands between, since it counts rows that pass the filter).
    private func rows(
        through plan: PhysicalPlan, limit: Int?, read: (ScanNode, Int?) throws -> [StoredRow]
    ) throws -> [StoredRow] {
        switch plan {
        case .scan(let scan):
            return try read(scan, limit)
        case .project(let node):
            let rows = try rows(through: node.input, limit: limit, read: read)
            let compiled = try node.expressions.map(evaluator)
            return try rows.map { stored in
                StoredRow(values: try compiled.map { try $0.evaluate(stored.values) }, seq: stored.seq)
            }
        case .filter(let node):
            let rows = try rows(through: node.input, limit: nil, read: read)
            let predicate = try evaluator(node.predicate)
            let kept = try rows.filter { Predicates.isTrue(try predicate.evaluate($0.values)) }
            return limit.map { Array(kept.prefix($0)) } ?? kept
        case .lastJoin(let node):
            // A window over a LAST JOIN: read the left table's rows, join each one.
            let rows = try rows(through: node.left, limit: limit, read: read)
            let join = RequestLastJoin.Compiled(node, context: context, parameters: engine.parameters)
            return try rows.map {
                StoredRow(values: try RequestLastJoin.join(join, left: $0.values, builder: self), seq: $0.seq)
            }
        case .singleRow, .windowAggregate, .join, .groupAggregate, .sort, .limit, .union, .distinct:
            throw TideError(
                .featureNotSupported,
                "request mode reads windows, joins and groups from tables or simple subqueries over one table")
        }
    }
}
