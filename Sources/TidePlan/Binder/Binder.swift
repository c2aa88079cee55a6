import TideCore
import TideSQL

/// A bound query: the physical plan both engines run, its output columns, and warnings
/// (e.g. a LAST JOIN without a time bound).
public struct BoundQuery: Sendable, Hashable {
    public var plan: PhysicalPlan
    public var columns: [PlanColumn]
    public var warnings: [String]

    public init(plan: PhysicalPlan, columns: [PlanColumn], warnings: [String]) {
        self.plan = plan
        self.columns = columns
        self.warnings = warnings
    }
}

/// Resolves names and types of a parsed query against the catalog and builds its physical
/// plan. Errors carry SQLSTATEs and the position of the offending name:
/// unknown table 42P01, unknown column 42703, ambiguous column 42702, type mismatch 42804,
/// unknown function 42883, invalid window or frame 42P20, unsupported 0A000.
public struct Binder {
    public let catalog: any CatalogReader
    /// The session's current database ("" if none was chosen).
    public let database: String
    public var parameterTypes: [Int: SQLType]
    /// Receives the types untyped placeholders meet (nil: not collected).
    public var parameterSink: ParameterTypeSink?
    var ctes: [String: PhysicalPlan] = [:]
    /// Operators of each CTE's plan, and of all the copies read so far (see `readCTE`).
    var cteSizes: [String: Int] = [:]
    var inlinedNodes = 0
    var warnings: [String] = []
    var inlineWindowCount = 0

    public init(catalog: any CatalogReader, database: String, parameterTypes: [Int: SQLType] = [:]) {
        self.catalog = catalog
        self.database = database
        self.parameterTypes = parameterTypes
    }

    /// Binds a query statement (its INTO OUTFILE and CONFIG clauses are the caller's).
    public mutating func bind(_ statement: QueryStatement) throws(TideError) -> BoundQuery {
        warnings = []
        inlinedNodes = 0
        let plan = try bindQuery(statement.query)
        return BoundQuery(plan: plan, columns: plan.columns, warnings: warnings)
    }

    /// Binds one query (CTEs, body, ORDER BY, LIMIT).
    mutating func bindQuery(_ query: Query) throws(TideError) -> PhysicalPlan {
        let (saved, savedSizes) = (ctes, cteSizes)
        defer { (ctes, cteSizes) = (saved, savedSizes) }
        for cte in query.with {
            let plan = try bindQuery(cte.query)
            cteSizes[cte.name.name.lowercased()] = try plan.checkSize()
            ctes[cte.name.name.lowercased()] = requalify(plan, as: cte.name.name)
        }
        var plan: PhysicalPlan
        if case .select(let core) = query.body {
            plan = try bindSelect(core, orderBy: query.orderBy)
        } else {
            plan = try bindBody(query.body)
            if !query.orderBy.isEmpty { plan = try bindOutputOrder(plan, query.orderBy) }
        }
        if let limit = query.limit { plan = .limit(LimitNode(input: plan, count: limit)) }
        if !query.with.isEmpty { try plan.checkSize() }
        return plan
    }

    /// A plan whose columns are all qualified by `alias` (a subquery or CTE name). As in
    /// OpenMLDB, the alias belongs to the current database: `db.alias.c` names its columns
    /// only when `db` is the current database.
    func requalify(_ plan: PhysicalPlan, as alias: String?) -> PhysicalPlan {
        let columns = plan.columns
        let expressions = columns.enumerated().map { i, c in
            BoundExpr.column(ColumnReference(index: i, name: c.name, type: c.type))
        }
        let renamed = columns.map {
            PlanColumn(name: $0.name, qualifier: alias, type: $0.type, database: alias == nil ? nil : database)
        }
        return .project(ProjectNode(input: plan, expressions: expressions, columns: renamed))
    }

    /// Binds a condition over the given columns (DELETE ... WHERE).
    public func bindStandalone(_ expr: Expr, over columns: [PlanColumn]) throws(TideError) -> BoundExpr {
        try expressionBinder(columns, clause: "WHERE").bindCondition(expr)
    }

    func expressionBinder(_ columns: [PlanColumn], clause: String) -> ExpressionBinder {
        var binder = ExpressionBinder(scope: Scope(columns: columns), clause: clause, parameterTypes: parameterTypes)
        binder.parameterSink = parameterSink
        return binder
    }
}
