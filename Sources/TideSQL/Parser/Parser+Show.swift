import TideCore

extension Parser {
    /// show: SHOW ( DATABASES | TABLES | CREATE TABLE name | CREATE PROCEDURE name
    ///   | TABLE STATUS [LIKE string] | [GLOBAL | SESSION] VARIABLES | FUNCTIONS [LIKE string] | DEPLOYMENTS
    ///   | SOURCES | SINKS
    ///   | DEPLOYMENT name | PROCEDURE STATUS | PROCEDURES | COMPONENTS | JOBS [FROM name] [LIKE string]
    ///   | JOB job_id | JOBLOG job_id )
    mutating func parseShow() throws(TideError) -> ShowStatement {
        try expectKeyword("SHOW")
        let token = current
        if acceptKeyword("DATABASES") { return .databases }
        if acceptKeyword("TABLES") { return .tables }
        if acceptKeywords("CREATE", "TABLE") { return .createTable(try parseTableName()) }
        if acceptKeywords("CREATE", "PROCEDURE") {
            return .createProcedure(try parseQualifiedName("procedure name", maxParts: 2))
        }
        if acceptKeywords("TABLE", "STATUS") {
            return .tableStatus(like: acceptKeyword("LIKE") ? try parseStringLiteral("a pattern") : nil)
        }
        if acceptKeyword("VARIABLES") { return .variables(scope: nil) }
        if acceptKeywords("GLOBAL", "VARIABLES") { return .variables(scope: .global) }
        if acceptKeywords("SESSION", "VARIABLES") { return .variables(scope: .session) }
        if acceptKeyword("FUNCTIONS") {
            return .functions(like: acceptKeyword("LIKE") ? try parseStringLiteral("a pattern") : nil)
        }
        if acceptKeyword("DEPLOYMENTS") { return .deployments }
        if acceptKeyword("SOURCES") { return .sources }
        if acceptKeyword("SINKS") { return .sinks }
        if acceptKeyword("DEPLOYMENT") { return .deployment(try parseQualifiedName("deployment name", maxParts: 2)) }
        if acceptKeywords("PROCEDURE", "STATUS") || acceptKeyword("PROCEDURES") { return .procedureStatus }
        if acceptKeyword("COMPONENTS") { return .components }
        if acceptKeyword("JOBS") {
            let from = acceptKeyword("FROM") ? try parseIdentifier("a component") : nil
            let like = acceptKeyword("LIKE") ? try parseStringLiteral("a pattern") : nil
            return .jobs(from: from, like: like)
        }
        if acceptKeyword("JOB") { return .job(try parseJobID()) }
        if acceptKeyword("JOBLOG") { return .jobLog(try parseJobID()) }
        throw ParserErrors.expected(
            "DATABASES, TABLES, CREATE TABLE, TABLE STATUS, VARIABLES, FUNCTIONS, DEPLOYMENTS, DEPLOYMENT or JOBS",
            found: token)
    }

    /// set: SET [GLOBAL | SESSION] name "=" set_value
    ///   | SET "@@" [GLOBAL "." | SESSION "."] name "=" set_value
    /// set_value: literal | "-" number | a bare word (read as a string)
    mutating func parseSet() throws(TideError) -> SetStatement {
        try expectKeyword("SET")
        var scope: VariableScope?
        let name: Identifier
        if case .variable(let raw, let system) = current.kind, system {
            let start = location
            advance()
            var bare = Substring(raw)
            for candidate in [VariableScope.global, .session] {
                let prefix = candidate.rawValue.lowercased() + "."
                if bare.lowercased().hasPrefix(prefix) {
                    scope = candidate
                    bare = bare.dropFirst(prefix.count)
                }
            }
            name = Identifier(String(bare), location: start)
        } else {
            if acceptKeyword("GLOBAL") {
                scope = .global
            } else if acceptKeyword("SESSION") {
                scope = .session
            }
            name = try parseIdentifier("a variable name")
        }
        try expectSymbol("=")
        return SetStatement(scope: scope, name: name, value: try parseSetValue())
    }

    private mutating func parseSetValue() throws(TideError) -> Literal {
        let token = current
        switch token.kind {
        case .string(let s):
            advance()
            return .string(s)
        case .integer, .decimal, .symbol("-"):
            let expr = try parseUnary()
            if case .literal(let literal) = expr.kind { return literal }
            throw ParserErrors.expected("a literal value", found: token)
        case .word(let w):
            advance()
            switch w.uppercased() {
            case "TRUE": return .bool(true)
            case "FALSE": return .bool(false)
            case "NULL": return .null
            default: return .string(w)
            }
        case .quotedIdentifier, .interval, .parameter, .variable, .symbol, .endOfInput:
            throw ParserErrors.expected("a literal value", found: token)
        }
    }
}
