import TideCore
import TidePlan
import TideSQL

extension Session {
    /// The result columns `statement` would return, computed without running it: a query is
    /// bound (names and types resolved), nothing is read. nil when the statement returns no
    /// rows, or when only running it tells (SHOW, DESC, EXPLAIN, EXECUTE DEPLOYMENT).
    /// The types untyped placeholders of a query take from where they stand (`id = $1`:
    /// id's type; `v + $1`: the operator's parameter type), by 1-based number; empty for
    /// other statements or when the query does not bind.
    public func inferredParameterTypes(of statement: Statement) -> [Int: DataType] {
        guard case .query(let query) = statement else { return [:] }
        let sink = ParameterTypeSink()
        var binder = Binder(catalog: database.catalog, database: currentDatabase)
        binder.parameterSink = sink
        _ = try? binder.bind(query)
        return sink.inferred.compactMapValues(\.scalar)
    }

    public func resultColumns(of statement: Statement) throws -> [ResultColumn]? {
        guard case .query(let query) = statement, query.outfile == nil else { return nil }
        var binder = Binder(catalog: database.catalog, database: currentDatabase)
        return try binder.bind(query).columns.map { ResultColumn(name: $0.name, type: $0.type) }
    }
}

extension Statement {
    /// True when running the statement changes nothing and may return rows (queries without
    /// INTO OUTFILE, EXPLAIN, SHOW, DESC, EXECUTE DEPLOYMENT): the wire protocol may run such
    /// a statement early to describe its result.
    public var isReadOnlyQuery: Bool {
        switch self {
        case .query(let query): return query.outfile == nil
        case .explain, .show, .describe, .executeDeployment, .verifyDeployment: return true
        case .createDatabase, .dropDatabase, .use, .createTable, .dropTable, .truncateTable, .alterTable,
            .createIndex, .dropIndex, .set, .createUser, .alterUser, .dropUser, .insert, .delete, .loadData,
            .deploy, .dropDeployment, .createProcedure, .dropProcedure, .call, .createFunction, .dropFunction,
            .functionScript, .connector, .stopJob, .exit:
            return false
        }
    }
}
