import TideCore

extension Parser {
    /// create_procedure: [IF NOT EXISTS] name "(" [parameter ("," parameter)*] ")" [OPTIONS options]
    ///   BEGIN (statement ";")* END
    /// parameter: [CONST] name type_name
    mutating func parseCreateProcedure(orReplace: Bool, temporary: Bool) throws(TideError) -> CreateProcedureStatement {
        let ifNotExists = parseIfNotExists()
        let name = try parseQualifiedName("procedure name", maxParts: 2)
        let parameters = try parseParameterList()
        let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
        try expectKeyword("BEGIN")
        var body: [Statement] = []
        while !isKeyword("END") {
            body.append(try parseStatement())
            try expectSymbol(";")
        }
        try expectKeyword("END")
        return CreateProcedureStatement(
            orReplace: orReplace, temporary: temporary, ifNotExists: ifNotExists, name: name,
            parameters: parameters, options: options, body: body)
    }

    /// create_function: name "(" [parameter ("," parameter)*] ")" RETURNS type_name [OPTIONS options]
    mutating func parseCreateFunction(aggregate: Bool) throws(TideError) -> CreateFunctionStatement {
        let name = try parseIdentifier("function name")
        let parameters = try parseParameterList()
        try expectKeyword("RETURNS")
        let returns = try parseTypeName()
        let options = isKeyword("OPTIONS") ? try parseOptionsClause() : nil
        return CreateFunctionStatement(
            aggregate: aggregate, name: name, parameters: parameters, returns: returns, options: options)
    }

    private mutating func parseParameterList() throws(TideError) -> [CreateProcedureStatement.Parameter] {
        try expectSymbol("(")
        var parameters: [CreateProcedureStatement.Parameter] = []
        if !isSymbol(")") {
            repeat {
                let isConst = acceptKeyword("CONST")
                let name = try parseIdentifier("parameter name")
                parameters.append(.init(isConst: isConst, name: name, type: try parseTypeName()))
            } while acceptSymbol(",")
        }
        try expectSymbol(")")
        return parameters
    }
}
