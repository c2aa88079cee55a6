import TideBatch
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideSQL
import TideStore

/// What the HTTP API (OpenMLDB APIServer format) needs beyond sessions: inserting decoded
/// JSON rows without building SQL text, parameterized queries, and ad-hoc request-mode
/// queries prepared like deployments.
extension Database {
    /// Stores `rows` (complete rows, in the table's column order, already of the column
    /// types) into the online table `table` of `database`, atomically.
    /// - Returns: the number of rows stored.
    /// - Throws: `42P01` if the table does not exist, `23502` for a null in a NOT NULL column.
    public func insert(_ rows: [[Value]], into table: String, in database: String) throws -> Int {
        guard let record = catalog.tableRecord(database: database, name: table) else {
            throw TideError(.undefinedTable, "table \"\(table)\" does not exist")
        }
        for row in rows where row.count != record.definition.columns.count {
            throw TideError(
                .invalidParameterValue,
                "a row of \(record.definition.name) needs \(record.definition.columns.count) values, got \(row.count)")
        }
        return try online.insert(rows, into: record.definition, tableID: record.id).count
    }

    /// Compiles an ad-hoc query for request mode, like a deployment but without storing it
    /// and without requiring indexes (a read no index serves scans the table instead).
    public func prepare(requestQuery sql: String, in database: String, timeZone: SessionTimeZone = .utc) throws
        -> PreparedDeployment
    {
        guard case .query(let query) = try Parser.parseStatement(sql) else {
            throw TideError(.featureNotSupported, "request mode runs a SELECT")
        }
        var binder = Binder(catalog: catalog, database: database)
        let bound = try binder.bind(query)
        let analysis = try RequestModeValidator.analyze(bound.plan)
        let context = FunctionContext(timeZone: timeZone)
        let engine = RequestEngine(indexes: online, context: context, subqueries: requestSubqueries(context: context))
        return PreparedDeployment(
            name: "", plan: bound.plan, columns: bound.columns, requestTable: analysis.table, engine: engine)
    }
}

extension Session {
    /// Runs one statement whose `?` / `$n` placeholders take `parameters` (in order). Only a
    /// plain SELECT (no INTO OUTFILE, no CONFIG) takes parameters; without parameters this
    /// is `execute(_:)`.
    public func execute(_ sql: String, parameters: [Value]) throws -> StatementResult {
        let statement = try parseStatement(sql)
        guard !parameters.isEmpty else { return try execute(statement) }
        guard case .query(let query) = statement, query.outfile == nil, query.config == nil else {
            throw TideError(
                .featureNotSupported, "only a SELECT without INTO OUTFILE or CONFIG takes parameter values")
        }
        var types: [Int: SQLType] = [:]
        for (index, value) in parameters.enumerated() {
            if let type = value.dataType { types[index + 1] = .scalar(type) }
        }
        var binder = Binder(catalog: database.catalog, database: currentDatabase, parameterTypes: types)
        let bound = try binder.bind(query)
        let (sources, plan) = try batchRun(bound.plan, mode: executeMode, parameters: parameters)
        let engine = BatchEngine(sources: sources, context: functionContext, parameters: parameters)
        let result = try engine.execute(plan)
        return StatementResult(
            tag: "SELECT", columns: bound.columns.map { ResultColumn(name: $0.name, type: $0.type) },
            rows: (0..<result.count).map(result.row), warnings: bound.warnings)
    }
}
