/// `VERIFY DEPLOYMENT name [SAMPLE n] [SINCE ts]`.
public struct VerifyDeploymentStatement: Sendable, Hashable {
    public var name: QualifiedName
    /// How many stored rows to replay (nil: the default).
    public var sample: Int64?
    /// Only rows at or after this time (a timestamp or epoch-milliseconds constant).
    public var since: Expr?

    public init(name: QualifiedName, sample: Int64? = nil, since: Expr? = nil) {
        self.name = name
        self.sample = sample
        self.since = since
    }
}

/// `DEPLOY [IF NOT EXISTS] name [OPTIONS (...)] query`.
public struct DeployStatement: Sendable, Hashable {
    public var name: QualifiedName
    public var ifNotExists: Bool
    public var options: OptionList?
    public var query: QueryStatement

    public init(name: QualifiedName, ifNotExists: Bool = false, options: OptionList? = nil, query: QueryStatement) {
        self.name = name
        self.ifNotExists = ifNotExists
        self.options = options
        self.query = query
    }
}

/// `CREATE [OR REPLACE] [TEMP|TEMPORARY] PROCEDURE [IF NOT EXISTS] name (params)
/// [OPTIONS (...)] BEGIN statement; ... END`.
public struct CreateProcedureStatement: Sendable, Hashable {
    /// `[CONST] name type`.
    public struct Parameter: Sendable, Hashable {
        public var isConst: Bool
        public var name: Identifier
        public var type: TypeName

        public init(isConst: Bool, name: Identifier, type: TypeName) {
            self.isConst = isConst
            self.name = name
            self.type = type
        }
    }

    public var orReplace: Bool
    public var temporary: Bool
    public var ifNotExists: Bool
    public var name: QualifiedName
    public var parameters: [Parameter]
    public var options: OptionList?
    public var body: [Statement]

    public init(
        orReplace: Bool = false, temporary: Bool = false, ifNotExists: Bool = false, name: QualifiedName,
        parameters: [Parameter], options: OptionList? = nil, body: [Statement]
    ) {
        self.orReplace = orReplace
        self.temporary = temporary
        self.ifNotExists = ifNotExists
        self.name = name
        self.parameters = parameters
        self.options = options
        self.body = body
    }
}

/// `CREATE [AGGREGATE] FUNCTION name (p type, ...) RETURNS type [OPTIONS (...)]`.
public struct CreateFunctionStatement: Sendable, Hashable {
    public var aggregate: Bool
    public var name: Identifier
    public var parameters: [CreateProcedureStatement.Parameter]
    public var returns: TypeName
    public var options: OptionList?

    public init(
        aggregate: Bool, name: Identifier, parameters: [CreateProcedureStatement.Parameter], returns: TypeName,
        options: OptionList?
    ) {
        self.aggregate = aggregate
        self.name = name
        self.parameters = parameters
        self.returns = returns
        self.options = options
    }
}
