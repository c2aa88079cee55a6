import TideBatch
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideSQL
import TideStore

/// SELECT: binds the query and runs it where the session's mode (or CONFIG) says: the batch
/// engine over the offline store (offline), the batch engine over the online store (online
/// preview), or the request engine for request rows (`CONFIG (execute_mode='request', ...)`).
struct QueryCommand {
    let session: Session

    func run(_ statement: QueryStatement) throws -> StatementResult {
        var binder = Binder(catalog: session.database.catalog, database: session.currentDatabase)
        let bound = try binder.bind(statement)
        let columns = bound.columns.map { ResultColumn(name: $0.name, type: $0.type) }
        let configured = try requestedMode(statement.config)
        if configured == .request {
            let analysis = try RequestModeValidator.analyze(bound.plan)
            let rows = try runRequests(bound, table: analysis.table, config: statement.config)
            // Ad-hoc requests may scan tables no index serves; DEPLOY creates indexes instead.
            let scans =
                analysis.unindexable.map { "\($0.message); the request scanned the table instead" }
                + analysis.missingIndexes.map {
                    "\($0.message); the request scanned the table instead (DEPLOY creates the index)"
                }
            return StatementResult(tag: "SELECT", columns: columns, rows: rows, warnings: bound.warnings + scans)
        }
        // CONFIG (execute_mode = 'offline' | 'online') runs this query in that mode.
        if (configured ?? session.executeMode) == .offline,
            let (remote, query) = try session.remoteOfflineQuery(bound.plan)
        {
            if let outfile = statement.outfile, outfile.namesDirectory {
                // A directory: Spark writes the files, nothing streams through this process.
                let written = try DirectoryOutfile(session: session).write(columns: columns, to: outfile) {
                    directory, compression in
                    try remote.writeParquet(
                        query, names: columns.map(\.name), directory: directory, compression: compression)
                }
                return StatementResult(tag: "SELECT", affectedRows: written, warnings: bound.warnings)
            }
            if let outfile = statement.outfile {
                // Spark writes the rows to files, which are read back into the file batch by
                // batch: neither process holds a large training set whole.
                let written = try writeOutfile(columns: columns, to: outfile) { sink, _ in
                    try remote.runSpooled(query, batch: sink)
                }
                return StatementResult(tag: "SELECT", affectedRows: written, warnings: bound.warnings)
            }
            var rows: [[Value]] = []
            try remote.run(query) { batch in rows += (0..<batch.count).map(batch.row) }
            return StatementResult(tag: "SELECT", columns: columns, rows: rows, warnings: bound.warnings)
        }
        if let outfile = statement.outfile, outfile.namesDirectory {
            throw TideError(
                .featureNotSupported, "INTO OUTFILE '\(outfile.path)' names a directory, which Spark writes",
                hint: "SET @@offline_engine = 'spark://host:port' for a directory of Parquet files, "
                    + "or name a file without the trailing '/'")
        }
        let (sources, plan) = try session.batchRun(bound.plan, mode: configured ?? session.executeMode)
        let engine = BatchEngine(sources: sources, context: session.functionContext)
        if let outfile = statement.outfile {
            let written = try writeOutfile(columns: columns, to: outfile) { sink, wholeResult in
                if wholeResult {
                    try sink(try engine.execute(plan))
                } else {
                    // Scans, filters and projections stream to the target batch by batch.
                    try engine.stream(plan, into: sink)
                }
            }
            return StatementResult(tag: "SELECT", affectedRows: written, warnings: bound.warnings)
        }
        let result = try engine.execute(plan)
        let rows = (0..<result.count).map(result.row)
        return StatementResult(tag: "SELECT", columns: columns, rows: rows, warnings: bound.warnings)
    }

    /// `SELECT ... INTO OUTFILE`: opens the target, lets `produce` hand it batches (told
    /// whether the target wants the whole result at once), and finishes it, or removes what
    /// was written when anything fails. Returns the rows written.
    private func writeOutfile(
        columns: [ResultColumn], to outfile: Outfile,
        produce: (_ sink: (ColumnBatch) throws -> Void, _ wholeResult: Bool) throws -> Void
    ) throws -> Int {
        let (sink, wholeResult) = try OutfileWriter(session: session).open(columns: columns, to: outfile)
        var written = 0
        do {
            try produce(
                { batch in
                    try sink.write(batch)
                    written += batch.count
                }, wholeResult)
            try sink.finish()
        } catch {
            sink.abort()
            throw error
        }
        return written
    }

    /// Request mode: each request row is computed against the online store, as if inserted
    /// as its table's newest row, without being stored.
    private func runRequests(_ bound: BoundQuery, table: TableDef, config: OptionList?) throws -> [[Value]] {
        guard let values = config?.value("values") else {
            throw TideError(.invalidParameterValue, "request mode needs CONFIG (values = (...)) with the request row")
        }
        let requests = try RequestRows.parse(values, table: table, context: session.functionContext)
        let context = session.functionContext
        let engine = RequestEngine(
            indexes: session.database.online, context: context,
            subqueries: session.database.requestSubqueries(context: context))
        return try requests.compactMap { request in
            try session.interrupt.check()
            return try engine.execute(bound.plan, request: request)
        }
    }

    /// `CONFIG (execute_mode = '...')`, if given.
    private func requestedMode(_ config: OptionList?) throws -> ExecuteMode? {
        guard let value = config?.value("execute_mode") else { return nil }
        guard let mode = ExecuteMode(rawValue: try StatementOptions.text(value).lowercased()) else {
            throw TideError(.invalidParameterValue, "CONFIG execute_mode must be 'online', 'offline' or 'request'")
        }
        return mode
    }
}

extension Session {
    /// Where a batch query in `mode` reads its tables, and the plan it runs: offline the
    /// offline store; online (preview) the online store as OpenMLDB's online engine reads it:
    /// `WHERE key = value` through that key's index and windows through theirs
    /// (`IndexLookupRule`), in its tablet's scan order (`TabletOrderRule`), and windows keyed
    /// by float or double or over computed subqueries refused (`OnlineWindowRule`).
    func batchRun(_ plan: PhysicalPlan, mode: ExecuteMode, parameters: [Value] = []) throws(TideError)
        -> (sources: any TableSourceProvider, plan: PhysicalPlan)
    {
        switch mode {
        case .offline: return (OfflineSources(store: database.offline), plan)
        case .online, .request:
            try OnlineWindowRule.checkOnlinePreview(plan)
            let limit = variables["max_preview_rows"].flatMap(Int.init) ?? OnlineSources.defaultRowLimit
            return (
                OnlineSources(database: database, rowLimit: limit),
                TabletOrderRule.apply(IndexLookupRule.apply(plan, parameters: parameters))
            )
        }
    }
}

/// The batch engine reads tables from the offline store.
struct OfflineSources: TableSourceProvider {
    let store: OfflineStore

    func source(for table: TableDef) throws -> any TableSource { try store.source(for: table) }
}

/// Online preview: the batch engine reads tables from the online store, up to a row limit
/// per table (`SET @@max_preview_rows`); past it the query fails rather than truncating.
struct OnlineSources: TableSourceProvider {
    static let defaultRowLimit = 10_000_000
    let database: Database
    let rowLimit: Int
    /// When set, that reader's table is read as of before its bound (a Kafka sink's request).
    var asOf: AsOfIndexReader? = nil

    func source(for table: TableDef) throws -> any TableSource {
        try source(for: ScanNode(table: table, alias: table.name))
    }

    func source(for scan: ScanNode) throws -> any TableSource {
        let table = scan.table
        if let lookup = scan.lookup { return try source(for: table, lookup: lookup) }
        guard let record = database.catalog.tableRecord(database: table.database, name: table.name) else {
            throw TideError(.undefinedTable, "table \"\(table.name)\" does not exist")
        }
        if let asOf, asOf.tableID == record.id {
            let rows = try asOf.allRows(table: table)
            return InMemoryTableSource(rows: rows.map(\.values), width: table.columns.count)
        }
        return LimitedSource(
            base: database.online.source(
                for: table, tableID: record.id, keptBy: scan.keptBy, tabletOrder: scan.tabletOrder),
            table: table.name, limit: rowLimit)
    }

    /// One key read through one index, in arrival order: the rows that index keeps.
    func source(for table: TableDef, lookup: IndexLookup) throws -> any TableSource {
        let reader: any IndexReader = asOf ?? database.online
        let rows = try reader.rows(table: table, index: lookup.index, key: lookup.key, from: nil, to: nil, limit: nil)
        return InMemoryTableSource(rows: rows.sorted { $0.seq < $1.seq }.map(\.values), width: table.columns.count)
    }
}

/// A table source that fails once more than `limit` rows were read.
struct LimitedSource: TableSource {
    let base: any TableSource
    let table: String
    let limit: Int

    func scan(batchSize: Int) throws -> any BatchIterator {
        Iterator(base: try base.scan(batchSize: batchSize), table: table, limit: limit)
    }

    struct Iterator: BatchIterator {
        var base: any BatchIterator
        let table: String
        let limit: Int
        var read = 0

        mutating func next() throws -> ColumnBatch? {
            guard let batch = try base.next() else { return nil }
            read += batch.count
            if read > limit {
                throw TideError(
                    "54000", "online preview of \(table) read more than \(limit) rows",
                    hint: "run the query in offline mode, or SET @@max_preview_rows to a larger number")
            }
            return batch
        }
    }
}
