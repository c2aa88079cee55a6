import TideCore

extension Parser {
    /// create: CREATE DATABASE [IF NOT EXISTS] name | CREATE TABLE ... | CREATE INDEX ...
    ///   | CREATE USER [IF NOT EXISTS] name [OPTIONS options]
    ///   | CREATE [OR REPLACE] [TEMP | TEMPORARY] PROCEDURE ... | CREATE [AGGREGATE] FUNCTION ...
    mutating func parseCreate() throws(TideError) -> Statement {
        try expectKeyword("CREATE")
        if acceptKeyword("DATABASE") {
            let ifNotExists = parseIfNotExists()
            return .createDatabase(name: try parseIdentifier("database name"), ifNotExists: ifNotExists)
        }
        if acceptKeyword("TABLE") { return .createTable(try parseCreateTable()) }
        if acceptKeyword("INDEX") { return .createIndex(try parseCreateIndex()) }
        if acceptKeyword("USER") {
            let ifNotExists = parseIfNotExists()
            let name = try parseIdentifier("user name")
            let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
            return .createUser(name: name, ifNotExists: ifNotExists, options: options)
        }
        if acceptKeyword("KAFKA") { return .connector(try parseCreateConnector()) }
        let aggregate = acceptKeyword("AGGREGATE")
        if acceptKeyword("FUNCTION") { return .createFunction(try parseCreateFunction(aggregate: aggregate)) }
        if aggregate { throw ParserErrors.expected("FUNCTION", found: current) }
        let orReplace = acceptKeywords("OR", "REPLACE")
        let temporary = acceptKeyword("TEMP") || acceptKeyword("TEMPORARY")
        if acceptKeyword("PROCEDURE") {
            return .createProcedure(try parseCreateProcedure(orReplace: orReplace, temporary: temporary))
        }
        throw ParserErrors.expected("DATABASE, TABLE, INDEX, USER, PROCEDURE or FUNCTION", found: current)
    }

    /// create_connector: SOURCE [IF NOT EXISTS] name INTO TABLE table_name OPTIONS options
    ///   | SINK [IF NOT EXISTS] name FROM DEPLOYMENT deployment_name OPTIONS options
    private mutating func parseCreateConnector() throws(TideError) -> ConnectorStatement {
        if acceptKeyword("SOURCE") {
            let ifNotExists = parseIfNotExists()
            let name = try parseIdentifier("source name")
            try expectKeyword("INTO")
            try expectKeyword("TABLE")
            let table = try parseTableName()
            return .createSource(name: name, ifNotExists: ifNotExists, table: table, options: try parseOptionsClause())
        }
        try expectKeyword("SINK")
        let ifNotExists = parseIfNotExists()
        let name = try parseIdentifier("sink name")
        try expectKeyword("FROM")
        try expectKeyword("DEPLOYMENT")
        let deployment = try parseQualifiedName("deployment name", maxParts: 2)
        return .createSink(
            name: name, ifNotExists: ifNotExists, deployment: deployment, options: try parseOptionsClause())
    }

    /// create_table: [IF NOT EXISTS] table_name [LIKE like_source]
    ///   ["(" table_element ("," table_element)* ")"] [OPTIONS options]
    /// like_source: table_name | format string
    private mutating func parseCreateTable() throws(TideError) -> CreateTableStatement {
        let ifNotExists = parseIfNotExists()
        let name = try parseTableName()
        var statement = CreateTableStatement(name: name, ifNotExists: ifNotExists, elements: nil)
        if acceptKeyword("LIKE") {
            if case .string = token(at: 1).kind {
                let format = try parseAnyWord("a format")
                statement.like = .external(format: format, path: try parseStringLiteral("a path"))
            } else {
                statement.like = .table(try parseTableName())
            }
        }
        if acceptSymbol("(") {
            var elements: [TableElement] = []
            repeat { elements.append(try parseTableElement()) } while acceptSymbol(",")
            try expectSymbol(")")
            statement.elements = elements
        }
        if isKeyword("OPTIONS") { statement.options = try parseOptionsClause() }
        return statement
    }

    /// table_element: column_definition | INDEX [name] "(" index_option ("," index_option)* ")"
    private mutating func parseTableElement() throws(TideError) -> TableElement {
        let start = location
        if isKeyword("INDEX"), isSymbol("(", ahead: 1) || isSymbol("(", ahead: 2) {
            advance()
            let name = isSymbol("(") ? nil : try parseIdentifier("index name")
            try expectSymbol("(")
            var options: [IndexOption] = []
            repeat { options.append(try parseIndexOption()) } while acceptSymbol(",")
            try expectSymbol(")")
            return .index(IndexDefinition(name: name, options: options, location: start))
        }
        return .column(try parseColumnDefinition())
    }

    /// column_definition: name type_name (NOT NULL | NULL | DEFAULT expr)*
    private mutating func parseColumnDefinition() throws(TideError) -> ColumnDefinition {
        let name = try parseIdentifier("column name")
        var column = ColumnDefinition(name: name, type: try parseTypeName())
        while true {
            if acceptKeywords("NOT", "NULL") {
                column.notNull = true
            } else if acceptKeyword("NULL") {
                column.notNull = false
            } else if acceptKeyword("DEFAULT") {
                column.defaultValue = try parseExpr()
            } else {
                return column
            }
        }
    }

    /// index_option: KEY "=" (name | "(" name ("," name)* ")") | TS "=" name
    ///   | TTL "=" ttl_value | TTL_TYPE "=" (ABSOLUTE | LATEST | ABSANDLAT | ABSORLAT) | name "=" option_value
    /// ttl_value: ttl_component | "(" ttl_component ["," ttl_component] ")"
    mutating func parseIndexOption() throws(TideError) -> IndexOption {
        let name = try parseAnyWord("an index option (KEY, TS, TTL, TTL_TYPE)")
        try expectSymbol("=")
        switch name.name.uppercased() {
        case "KEY":
            if acceptSymbol("(") {
                var keys: [Identifier] = []
                repeat { keys.append(try parseIdentifier("key column")) } while acceptSymbol(",")
                try expectSymbol(")")
                return .key(keys)
            }
            // OpenMLDB also accepts KEY=c1,c2 without parentheses.
            var keys = [try parseIdentifier("key column")]
            while isSymbol(","), !isSymbol("=", ahead: 2), !isSymbol(")", ahead: 1) {
                advance()
                keys.append(try parseIdentifier("key column"))
            }
            return .key(keys)
        case "TS":
            return .ts(try parseIdentifier("ts column"))
        case "TTL":
            if acceptSymbol("(") {
                // `(n)` is the single TTL n; `(a, b)` the two of absandlat / absorlat.
                let first = try parseTTLComponent()
                if acceptSymbol(")") { return .ttl([first]) }
                try expectSymbol(",")
                let second = try parseTTLComponent()
                try expectSymbol(")")
                return .ttl([first, second])
            }
            return .ttl([try parseTTLComponent()])
        case "TTL_TYPE":
            let token = current
            let word = try parseAnyWord("a TTL type")
            guard let type = TTLType(rawValue: word.name.lowercased()) else {
                throw ParserErrors.expected("ABSOLUTE, LATEST, ABSANDLAT or ABSORLAT", found: token)
            }
            return .ttlType(type)
        default:
            return .other(OptionEntry(name: name, value: try parseOptionValue()))
        }
    }

    private mutating func parseTTLComponent() throws(TideError) -> TTLComponent {
        let token = current
        switch token.kind {
        case .interval(let digits, let unit):
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            advance()
            return .interval(value, unit)
        case .integer(let digits, let suffix) where suffix != .float:
            guard let value = Int64(digits) else { throw ParserErrors.integerOutOfRange(digits, at: token) }
            advance()
            return .number(value)
        default:
            throw ParserErrors.expected("a TTL (an interval like 10d or a row count)", found: token)
        }
    }

    /// create_index: name ON table_name "(" column ("," column)* ")" [OPTIONS "(" index_option, ... ")"]
    private mutating func parseCreateIndex() throws(TideError) -> CreateIndexStatement {
        let name = try parseIdentifier("index name")
        try expectKeyword("ON")
        let table = try parseTableName()
        try expectSymbol("(")
        var columns: [Identifier] = []
        repeat { columns.append(try parseIdentifier("column name")) } while acceptSymbol(",")
        try expectSymbol(")")
        var options: [IndexOption] = []
        if acceptKeyword("OPTIONS") {
            try expectSymbol("(")
            if !isSymbol(")") {
                repeat { options.append(try parseIndexOption()) } while acceptSymbol(",")
            }
            try expectSymbol(")")
        }
        return CreateIndexStatement(name: name, table: table, columns: columns, options: options)
    }
}
