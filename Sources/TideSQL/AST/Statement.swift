/// One SQL statement.
public indirect enum Statement: Sendable, Hashable {
    case query(QueryStatement)
    case explain(Statement)
    // Databases and tables.
    case createDatabase(name: Identifier, ifNotExists: Bool)
    case dropDatabase(name: Identifier, ifExists: Bool)
    case use(Identifier)
    case createTable(CreateTableStatement)
    case dropTable(name: QualifiedName, ifExists: Bool)
    case truncateTable(QualifiedName)
    case alterTable(AlterTableStatement)
    case createIndex(CreateIndexStatement)
    /// `DROP INDEX [db.]table.index`.
    case dropIndex(QualifiedName)
    case describe(QualifiedName)
    case show(ShowStatement)
    case set(SetStatement)
    // Users.
    case createUser(name: Identifier, ifNotExists: Bool, options: OptionList?)
    case alterUser(name: Identifier, ifExists: Bool, options: OptionList)
    case dropUser(name: Identifier, ifExists: Bool)
    // Data.
    case insert(InsertStatement)
    case delete(table: QualifiedName, whereClause: Expr?)
    case loadData(LoadDataStatement)
    // Deployments, procedures and functions.
    case deploy(DeployStatement)
    case dropDeployment(QualifiedName, ifExists: Bool)
    /// `EXECUTE DEPLOYMENT name VALUES (...), (...)`: the deployment's features for request rows.
    case executeDeployment(QualifiedName, rows: [[Expr]])
    /// `VERIFY DEPLOYMENT name [SAMPLE n] [SINCE ts]`: replays stored rows through the request
    /// path and compares each feature with the batch engine over the same rows.
    case verifyDeployment(VerifyDeploymentStatement)
    case createProcedure(CreateProcedureStatement)
    case dropProcedure(QualifiedName, ifExists: Bool)
    case call(name: QualifiedName, arguments: [Expr])
    case createFunction(CreateFunctionStatement)
    case dropFunction(Identifier, ifExists: Bool)
    /// `%%fun def ... end [%%sql query]`: OpenMLDB's scripted UDF block.
    case functionScript(FunctionScript)
    /// Kafka sources and sinks: create, start, stop, drop.
    case connector(ConnectorStatement)
    // Jobs.
    case stopJob(OptionValue)
    /// `EXIT` or `QUIT`: ends the script or shell session that runs it.
    case exit
}

/// A query with its statement-level clauses:
/// `query [INTO OUTFILE 'path' [OPTIONS (...)]] [CONFIG (...)]`.
public struct QueryStatement: Sendable, Hashable {
    public var query: Query
    public var outfile: Outfile?
    /// `CONFIG (execute_mode='request', values=(...))` and other per-query settings.
    public var config: OptionList?

    public init(query: Query, outfile: Outfile? = nil, config: OptionList? = nil) {
        self.query = query
        self.outfile = outfile
        self.config = config
    }
}

/// `INTO OUTFILE 'path' [OPTIONS (...)]`.
public struct Outfile: Sendable, Hashable {
    public var path: String
    public var options: OptionList?

    public init(path: String, options: OptionList?) {
        self.path = path
        self.options = options
    }
}
