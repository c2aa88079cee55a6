import TideCore

extension Parser {
    /// function_script: "%%" FUN script_function+ ["%%" SQL query_statement]
    mutating func parseFunctionScript() throws(TideError) -> FunctionScript {
        try expectSymbol("%%")
        try expectKeyword("FUN")
        var functions: [ScriptFunction] = []
        repeat { functions.append(try parseScriptFunction()) } while isKeyword("DEF")
        var query: QueryStatement?
        if acceptSymbol("%%") {
            try expectKeyword("SQL")
            query = try parseQueryStatement()
        }
        return FunctionScript(functions: functions, query: query)
    }

    /// script_function: DEF name "(" [name ":" script_type ("," ...)*] ")" ":" script_type
    ///   script_statement* END
    private mutating func parseScriptFunction() throws(TideError) -> ScriptFunction {
        try expectKeyword("DEF")
        let name = try parseIdentifier("function name")
        try expectSymbol("(")
        var parameters: [ScriptFunction.Parameter] = []
        if !isSymbol(")") {
            repeat {
                let parameter = try parseIdentifier("parameter name")
                try expectSymbol(":")
                parameters.append(.init(name: parameter, type: try parseScriptType()))
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        try expectSymbol(":")
        let returns = try parseScriptType()
        var body: [ScriptStatement] = []
        while !acceptKeyword("END") {
            body.append(try parseScriptStatement())
        }
        return ScriptFunction(name: name, parameters: parameters, returns: returns, body: body)
    }

    /// script_type: name | LIST "<" script_type ">"
    private mutating func parseScriptType() throws(TideError) -> ScriptType {
        let name = try parseAnyWord("a type")
        if name.name.uppercased() == "LIST" {
            try expectSymbol("<")
            let element = try parseScriptType()
            try expectClosingAngle()
            return .list(element)
        }
        return .scalar(name)
    }

    /// script_statement: RETURN expr | IF expr | ELIF expr | ELSE | FOR name IN expr
    ///   | name "=" expr | name "+=" expr
    private mutating func parseScriptStatement() throws(TideError) -> ScriptStatement {
        if acceptKeyword("RETURN") { return .returnValue(try parseExpr()) }
        if acceptKeyword("IF") { return .ifHeader(try parseExpr()) }
        if acceptKeyword("ELIF") { return .elifHeader(try parseExpr()) }
        if acceptKeyword("ELSE") { return .elseHeader }
        if acceptKeyword("FOR") {
            let variable = try parseIdentifier("loop variable")
            try expectKeyword("IN")
            return .forIn(variable, try parseExpr())
        }
        let target = try parseIdentifier("a statement (assignment, return, if, for or end)")
        if acceptSymbol("+=") { return .addAssign(target, try parseExpr()) }
        if isSymbol("=") || isSymbol("==") {
            advance()
            return .assign(target, try parseExpr())
        }
        throw ParserErrors.expected("\"=\" or \"+=\"", found: current)
    }
}
