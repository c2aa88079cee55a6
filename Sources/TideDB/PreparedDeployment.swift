import TideCore
import TideExec
import TideOnline
import TidePlan
import TideSQL
import TideStore

/// A deployment compiled once and ready to answer requests: its plan, its request table and
/// the request engine over the online store. EXECUTE DEPLOYMENT, the HTTP API and the
/// benchmarks run requests through it, so nothing is parsed or bound per request.
public struct PreparedDeployment: Sendable {
    public let name: String
    public let plan: PhysicalPlan
    public let columns: [PlanColumn]
    /// The table whose rows are requests.
    public let requestTable: TableDef
    let engine: RequestEngine
    /// The plan compiled once for `engine` (evaluators, kernels, window layouts).
    let compiled: CompiledRequestPlan

    init(name: String, plan: PhysicalPlan, columns: [PlanColumn], requestTable: TableDef, engine: RequestEngine) {
        self.name = name
        self.plan = plan
        self.columns = columns
        self.requestTable = requestTable
        self.engine = engine
        compiled = engine.compile(plan)
    }

    /// The deployment's output row for one request row (in the request table's column order),
    /// or nil when the deployment's WHERE drops the request row.
    public func execute(_ request: [Value]) throws -> [Value]? {
        guard request.count == requestTable.columns.count else {
            throw TideError(
                .invalidParameterValue,
                "a request row for \(requestTable.name) needs \(requestTable.columns.count) values, got \(request.count)"
            )
        }
        return try engine.execute(compiled, request: request)
    }
}

extension Database {
    /// Compiles the deployment `name` of `database` for repeated requests.
    public func prepare(deployment name: String, in database: String, timeZone: SessionTimeZone = .utc) throws
        -> PreparedDeployment
    {
        guard let record = catalog.deployment(database: database, name: name) else {
            throw TideError(.undefinedObject, "deployment \"\(name)\" does not exist")
        }
        guard case .query(let query) = try Parser.parseStatement(record.sql) else {
            throw TideError(.dataCorrupted, "deployment \"\(name)\" does not hold a query")
        }
        var binder = Binder(catalog: catalog, database: database)
        let bound = try binder.bind(query)
        let table = try RequestModeValidator.validate(bound.plan)
        let context = FunctionContext(timeZone: timeZone)
        // Tiles fold their rows' arguments in UTC, as they are written; a session in another
        // zone computes its long windows from rows, so that zone-dependent arguments agree.
        let tiles =
            timeZone == .utc
            ? try tileReader(
                try tilePlan(
                    database: database, deployment: name, plan: bound.plan,
                    longWindows: longWindowsOption(database: database, deployment: name))) : nil
        let engine = RequestEngine(
            indexes: online, context: context, subqueries: requestSubqueries(context: context), tiles: tiles)
        return PreparedDeployment(
            name: name, plan: bound.plan, columns: bound.columns, requestTable: table, engine: engine)
    }

    /// Compiles deployment `name` of `database` to answer for rows already stored in its
    /// request table, each as of just before it arrived: set the returned reader's bound to a
    /// row's seq, then execute that row.
    public func prepareAsOf(deployment name: String, in database: String, timeZone: SessionTimeZone = .utc) throws
        -> (deployment: PreparedDeployment, reader: AsOfIndexReader)
    {
        let current = try prepare(deployment: name, in: database, timeZone: timeZone)
        guard
            let tableID = catalog.tableRecord(database: current.requestTable.database, name: current.requestTable.name)?
                .id
        else { throw TideError(.undefinedTable, "table \"\(current.requestTable.name)\" does not exist") }
        let catalog = self.catalog
        let reader = AsOfIndexReader(
            store: online, tableID: tableID,
            tableIDs: { catalog.tableRecord(database: $0.database, name: $0.name)?.id })
        let context = FunctionContext(timeZone: timeZone)
        let engine = RequestEngine(
            indexes: reader, context: context, subqueries: requestSubqueries(context: context, asOf: reader))
        return (
            PreparedDeployment(
                name: current.name, plan: current.plan, columns: current.columns, requestTable: current.requestTable,
                engine: engine), reader
        )
    }

    /// Reads the online store's indexes directly (benchmarks compare requests with raw reads).
    public var indexReader: any IndexReader { online }

    /// The table `name` of `database`, if it exists.
    public func table(_ name: String, in database: String) -> TableDef? {
        catalog.table(database: database, name: name)
    }
}
