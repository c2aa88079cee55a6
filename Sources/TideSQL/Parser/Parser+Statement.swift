import TideCore

extension Parser {
    /// statement: query_statement | EXPLAIN statement | create | drop | USE name | SHOW ...
    ///   | SET ... | DESC name | TRUNCATE TABLE name | ALTER ... | INSERT ... | DELETE ...
    ///   | LOAD DATA ... | DEPLOY ... | CALL ... | STOP JOB id | (START | STOP) (SOURCE | SINK) name
    ///   | EXIT | QUIT | function_script
    mutating func parseStatement() throws(TideError) -> Statement {
        let token = current
        if isSymbol("(") { return .query(try parseQueryStatement()) }
        if isSymbol("%%") { return .functionScript(try parseFunctionScript()) }
        guard case .word(let word) = token.kind else {
            throw ParserErrors.expected("a statement", found: token)
        }
        switch word.uppercased() {
        case "SELECT", "WITH":
            return .query(try parseQueryStatement())
        case "EXPLAIN":
            advance()
            return .explain(try parseStatement())
        case "CREATE": return try parseCreate()
        case "DROP": return try parseDrop()
        case "USE":
            advance()
            return .use(try parseIdentifier("database name"))
        case "SHOW": return .show(try parseShow())
        case "SET": return .set(try parseSet())
        case "DESC", "DESCRIBE":
            advance()
            return .describe(try parseTableName())
        case "TRUNCATE":
            advance()
            try expectKeyword("TABLE")
            return .truncateTable(try parseTableName())
        case "ALTER": return try parseAlter()
        case "INSERT": return .insert(try parseInsert())
        case "DELETE":
            advance()
            try expectKeyword("FROM")
            let table = try parseTableName()
            let condition = acceptKeyword("WHERE") ? try parseExpr() : nil
            return .delete(table: table, whereClause: condition)
        case "LOAD": return .loadData(try parseLoadData())
        case "DEPLOY": return .deploy(try parseDeploy())
        case "CALL":
            advance()
            let name = try parseQualifiedName("procedure name", maxParts: 2)
            try expectSymbol("(")
            var arguments: [Expr] = []
            if !isSymbol(")") {
                repeat { arguments.append(try parseExpr()) } while acceptSymbol(",")
            }
            try expectSymbol(")")
            return .call(name: name, arguments: arguments)
        case "EXECUTE":
            advance()
            try expectKeyword("DEPLOYMENT")
            let name = try parseQualifiedName("deployment name", maxParts: 2)
            try expectKeyword("VALUES")
            return .executeDeployment(name, rows: try parseValueRows())
        case "VERIFY": return .verifyDeployment(try parseVerifyDeployment())
        case "STOP":
            advance()
            if let kind = acceptConnectorKind() {
                return .connector(.stop(kind, name: try parseIdentifier("\(kind.rawValue.lowercased()) name")))
            }
            try expectKeyword("JOB")
            return .stopJob(try parseJobID())
        case "START":
            advance()
            guard let kind = acceptConnectorKind() else {
                throw ParserErrors.expected("SOURCE or SINK", found: current)
            }
            return .connector(.start(kind, name: try parseIdentifier("\(kind.rawValue.lowercased()) name")))
        case "EXIT", "QUIT":
            advance()
            return .exit
        default:
            throw ParserErrors.expected("a statement", found: token)
        }
    }

    /// verify: VERIFY DEPLOYMENT name [SAMPLE integer] [SINCE expr]
    mutating func parseVerifyDeployment() throws(TideError) -> VerifyDeploymentStatement {
        advance()
        try expectKeyword("DEPLOYMENT")
        var statement = VerifyDeploymentStatement(name: try parseQualifiedName("deployment name", maxParts: 2))
        if acceptKeyword("SAMPLE") {
            let token = current
            guard case .integer(let digits, .none) = token.kind, let n = Int64(digits), n > 0 else {
                throw ParserErrors.expected("a positive number of rows after SAMPLE", found: token)
            }
            advance()
            statement.sample = n
        }
        if acceptKeyword("SINCE") { statement.since = try parseExpr() }
        return statement
    }

    /// connector_kind: SOURCE | SINK
    mutating func acceptConnectorKind() -> ConnectorKind? {
        if acceptKeyword("SOURCE") { return .source }
        if acceptKeyword("SINK") { return .sink }
        return nil
    }

    /// if_exists: [IF EXISTS]
    mutating func parseIfExists() -> Bool { acceptKeywords("IF", "EXISTS") }

    /// if_not_exists: [IF NOT EXISTS]
    mutating func parseIfNotExists() -> Bool { acceptKeywords("IF", "NOT", "EXISTS") }

    /// drop: DROP (DATABASE | TABLE | INDEX | USER | DEPLOYMENT | PROCEDURE | FUNCTION | SOURCE | SINK)
    ///   [IF EXISTS] name
    private mutating func parseDrop() throws(TideError) -> Statement {
        try expectKeyword("DROP")
        let kindToken = current
        guard case .word(let kind) = kindToken.kind else {
            throw ParserErrors.expected(
                "DATABASE, TABLE, INDEX, USER, DEPLOYMENT, PROCEDURE, FUNCTION, SOURCE or SINK", found: kindToken)
        }
        advance()
        switch kind.uppercased() {
        case "DATABASE":
            let ifExists = parseIfExists()
            return .dropDatabase(name: try parseIdentifier("database name"), ifExists: ifExists)
        case "TABLE":
            let ifExists = parseIfExists()
            return .dropTable(name: try parseTableName(), ifExists: ifExists)
        case "INDEX":
            return .dropIndex(try parseQualifiedName("index name", maxParts: 3))
        case "USER":
            let ifExists = parseIfExists()
            return .dropUser(name: try parseIdentifier("user name"), ifExists: ifExists)
        case "DEPLOYMENT":
            let ifExists = parseIfExists()
            return .dropDeployment(try parseQualifiedName("deployment name", maxParts: 2), ifExists: ifExists)
        case "PROCEDURE":
            let ifExists = parseIfExists()
            return .dropProcedure(try parseQualifiedName("procedure name", maxParts: 2), ifExists: ifExists)
        case "FUNCTION":
            let ifExists = parseIfExists()
            return .dropFunction(try parseIdentifier("function name"), ifExists: ifExists)
        case "SOURCE", "SINK":
            let connector: ConnectorKind = kind.uppercased() == "SOURCE" ? .source : .sink
            let ifExists = parseIfExists()
            let name = try parseIdentifier("\(connector.rawValue.lowercased()) name")
            return .connector(.drop(connector, name: name, ifExists: ifExists))
        default:
            throw ParserErrors.expected(
                "DATABASE, TABLE, INDEX, USER, DEPLOYMENT, PROCEDURE, FUNCTION, SOURCE or SINK", found: kindToken)
        }
    }

    /// alter: ALTER TABLE name alter_action ("," alter_action)*
    ///   | ALTER USER [IF EXISTS] name SET OPTIONS options
    /// alter_action: (ADD | DROP) OFFLINE_PATH string
    private mutating func parseAlter() throws(TideError) -> Statement {
        try expectKeyword("ALTER")
        if acceptKeyword("USER") {
            let ifExists = parseIfExists()
            let name = try parseIdentifier("user name")
            try expectKeyword("SET")
            return .alterUser(name: name, ifExists: ifExists, options: try parseOptionsClause())
        }
        try expectKeyword("TABLE")
        let table = try parseTableName()
        var actions: [AlterTableStatement.Action] = []
        repeat {
            if acceptKeyword("ADD") {
                try expectKeyword("OFFLINE_PATH")
                actions.append(.addOfflinePath(try parseStringLiteral("a path")))
            } else if acceptKeyword("DROP") {
                try expectKeyword("OFFLINE_PATH")
                actions.append(.dropOfflinePath(try parseStringLiteral("a path")))
            } else {
                throw ParserErrors.expected("ADD or DROP", found: current)
            }
        } while acceptSymbol(",")
        return .alterTable(AlterTableStatement(table: table, actions: actions))
    }

    /// insert: INSERT [OR IGNORE] INTO table_name ["(" column ("," column)* ")"]
    ///   (VALUES | VALUE) "(" expr ("," expr)* ")" ("," "(" ... ")")*
    private mutating func parseInsert() throws(TideError) -> InsertStatement {
        try expectKeyword("INSERT")
        let orIgnore = acceptKeywords("OR", "IGNORE")
        try expectKeyword("INTO")
        let table = try parseTableName()
        var columns: [Identifier]?
        if acceptSymbol("(") {
            var names: [Identifier] = []
            repeat { names.append(try parseIdentifier("column name")) } while acceptSymbol(",")
            try expectSymbol(")")
            columns = names
        }
        // OpenMLDB also accepts the MySQL spelling VALUE.
        if !acceptKeyword("VALUE") { try expectKeyword("VALUES") }
        return InsertStatement(orIgnore: orIgnore, table: table, columns: columns, rows: try parseValueRows())
    }

    /// value_rows: "(" expr ("," expr)* ")" ("," "(" ... ")")*
    mutating func parseValueRows() throws(TideError) -> [[Expr]] {
        var rows: [[Expr]] = []
        repeat {
            try expectSymbol("(")
            var row: [Expr] = []
            repeat { row.append(try parseExpr()) } while acceptSymbol(",")
            try expectSymbol(")")
            rows.append(row)
        } while acceptSymbol(",")
        return rows
    }

    /// load_data: LOAD DATA INFILE string INTO TABLE table_name [OPTIONS options] [CONFIG options]
    private mutating func parseLoadData() throws(TideError) -> LoadDataStatement {
        try expectKeyword("LOAD")
        try expectKeyword("DATA")
        try expectKeyword("INFILE")
        let path = try parseStringLiteral("a file path")
        try expectKeyword("INTO")
        try expectKeyword("TABLE")
        let table = try parseTableName()
        let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
        let config = acceptKeyword("CONFIG") ? try parseOptionList() : nil
        return LoadDataStatement(path: path, table: table, options: options, config: config)
    }

    /// deploy: DEPLOY [IF NOT EXISTS] name [OPTIONS options] query_statement
    private mutating func parseDeploy() throws(TideError) -> DeployStatement {
        try expectKeyword("DEPLOY")
        let ifNotExists = parseIfNotExists()
        let name = try parseQualifiedName("deployment name", maxParts: 2)
        let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
        guard isKeyword("SELECT") || isKeyword("WITH") || isSymbol("(") else {
            throw ParserErrors.expected("a SELECT to deploy", found: current)
        }
        let query = try parseQueryStatement()
        return DeployStatement(name: name, ifNotExists: ifNotExists, options: options, query: query)
    }

    /// job_id: integer | identifier | string
    mutating func parseJobID() throws(TideError) -> OptionValue {
        let token = current
        switch token.kind {
        case .integer, .string, .word, .quotedIdentifier:
            if case .word(let w) = token.kind, Keywords.isReserved(w) {
                throw ParserErrors.expected("a job id", found: token)
            }
            if case .integer = token.kind { return .expr(try parseNumericLiteral()) }
            if case .string(let s) = token.kind {
                advance()
                return .expr(Expr(.literal(.string(s)), location: NodeLocation(token.location)))
            }
            let name = try parseIdentifier("a job id")
            return .expr(Expr(.column(QualifiedName([name])), location: name.location))
        case .decimal, .interval, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected("a job id", found: token)
        }
    }
}
