import TideCore

/// Prints the AST as canonical SQL: upper-case keywords, single spaces, minimal parentheses,
/// `'...'` strings, backquotes only where needed. `parse(print(ast)) == ast` for every statement.
public enum SQLPrinter {
    /// Canonical text of a statement (without a trailing `;`).
    public static func print(_ statement: Statement) -> String { text(statement) }

    static func text(_ statement: Statement) -> String {
        switch statement {
        case .query(let q): return text(q)
        case .explain(let inner): return "EXPLAIN " + text(inner)
        case .createDatabase(let name, let ifNotExists):
            return "CREATE DATABASE \(ifNotExists ? "IF NOT EXISTS " : "")\(text(name))"
        case .dropDatabase(let name, let ifExists):
            return "DROP DATABASE \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .use(let name): return "USE " + text(name)
        case .createTable(let c): return text(c)
        case .dropTable(let name, let ifExists): return "DROP TABLE \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .truncateTable(let name): return "TRUNCATE TABLE " + text(name)
        case .alterTable(let a):
            let actions = a.actions.map { action -> String in
                switch action {
                case .addOfflinePath(let p): return "ADD OFFLINE_PATH " + quoted(p)
                case .dropOfflinePath(let p): return "DROP OFFLINE_PATH " + quoted(p)
                }
            }
            return "ALTER TABLE \(text(a.table)) " + actions.joined(separator: ", ")
        case .createIndex(let c):
            var s = "CREATE INDEX \(text(c.name)) ON \(text(c.table)) (\(list(c.columns)))"
            if !c.options.isEmpty { s += " OPTIONS (" + c.options.map { text($0) }.joined(separator: ", ") + ")" }
            return s
        case .dropIndex(let name): return "DROP INDEX " + text(name)
        case .describe(let name): return "DESC " + text(name)
        case .show(let show): return text(show)
        case .set(let set):
            let scope = set.scope.map { $0.rawValue.lowercased() + "." } ?? ""
            return "SET @@\(scope)\(set.name.name) = \(text(set.value))"
        case .createUser(let name, let ifNotExists, let options):
            return "CREATE USER \(ifNotExists ? "IF NOT EXISTS " : "")\(text(name))" + optionsSuffix(options)
        case .alterUser(let name, let ifExists, let options):
            return "ALTER USER \(ifExists ? "IF EXISTS " : "")\(text(name)) SET" + optionsSuffix(options)
        case .dropUser(let name, let ifExists): return "DROP USER \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .insert(let i): return text(i)
        case .delete(let table, let condition):
            return "DELETE FROM \(text(table))" + (condition.map { " WHERE " + text($0) } ?? "")
        case .loadData(let l):
            var s = "LOAD DATA INFILE \(quoted(l.path)) INTO TABLE \(text(l.table))" + optionsSuffix(l.options)
            if let config = l.config { s += " CONFIG " + text(config) }
            return s
        case .deploy(let d):
            return "DEPLOY \(d.ifNotExists ? "IF NOT EXISTS " : "")\(text(d.name))" + optionsSuffix(d.options)
                + " " + text(d.query)
        case .dropDeployment(let name, let ifExists):
            return "DROP DEPLOYMENT \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .executeDeployment(let name, let rows):
            let values = rows.map { "(" + $0.map { text($0) }.joined(separator: ", ") + ")" }
            return "EXECUTE DEPLOYMENT \(text(name)) VALUES " + values.joined(separator: ", ")
        case .verifyDeployment(let v):
            return "VERIFY DEPLOYMENT \(text(v.name))" + (v.sample.map { " SAMPLE \($0)" } ?? "")
                + (v.since.map { " SINCE " + text($0) } ?? "")
        case .createProcedure(let p): return text(p)
        case .dropProcedure(let name, let ifExists):
            return "DROP PROCEDURE \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .call(let name, let arguments):
            return "CALL \(text(name))(" + arguments.map { text($0) }.joined(separator: ", ") + ")"
        case .createFunction(let f):
            return "CREATE \(f.aggregate ? "AGGREGATE " : "")FUNCTION \(text(f.name))(\(parameters(f.parameters)))"
                + " RETURNS \(text(f.returns))" + optionsSuffix(f.options)
        case .dropFunction(let name, let ifExists):
            return "DROP FUNCTION \(ifExists ? "IF EXISTS " : "")\(text(name))"
        case .functionScript(let script): return text(script)
        case .connector(let c): return text(c)
        case .stopJob(let id): return "STOP JOB " + text(id)
        case .exit: return "EXIT"
        }
    }

    static func text(_ connector: ConnectorStatement) -> String {
        switch connector {
        case .createSource(let name, let ifNotExists, let table, let options):
            return "CREATE KAFKA SOURCE \(ifNotExists ? "IF NOT EXISTS " : "")\(text(name)) INTO TABLE \(text(table))"
                + optionsSuffix(options)
        case .createSink(let name, let ifNotExists, let deployment, let options):
            return "CREATE KAFKA SINK \(ifNotExists ? "IF NOT EXISTS " : "")\(text(name)) FROM DEPLOYMENT "
                + text(deployment) + optionsSuffix(options)
        case .start(let kind, let name): return "START \(kind.rawValue) " + text(name)
        case .stop(let kind, let name): return "STOP \(kind.rawValue) " + text(name)
        case .drop(let kind, let name, let ifExists):
            return "DROP \(kind.rawValue) \(ifExists ? "IF EXISTS " : "")\(text(name))"
        }
    }

    static func list(_ names: [Identifier]) -> String { names.map { text($0) }.joined(separator: ", ") }

    static func optionsSuffix(_ options: OptionList?) -> String {
        options.map { " OPTIONS " + text($0) } ?? ""
    }

    static func text(_ options: OptionList) -> String {
        "(" + options.entries.map { "\(text($0.name)) = \(text($0.value))" }.joined(separator: ", ") + ")"
    }

    static func text(_ value: OptionValue) -> String {
        switch value {
        case .expr(let e): return text(e)
        case .tuple(let items): return "(" + items.map { text($0) }.joined(separator: ", ") + ")"
        case .list(let items): return "[" + items.map { text($0) }.joined(separator: ", ") + "]"
        }
    }

    private static func text(_ show: ShowStatement) -> String {
        switch show {
        case .databases: return "SHOW DATABASES"
        case .tables: return "SHOW TABLES"
        case .createTable(let name): return "SHOW CREATE TABLE " + text(name)
        case .tableStatus(let like): return "SHOW TABLE STATUS" + (like.map { " LIKE " + quoted($0) } ?? "")
        case .variables(let scope): return "SHOW " + (scope.map { $0.rawValue + " " } ?? "") + "VARIABLES"
        case .functions(let like): return "SHOW FUNCTIONS" + (like.map { " LIKE " + quoted($0) } ?? "")
        case .deployments: return "SHOW DEPLOYMENTS"
        case .sources: return "SHOW SOURCES"
        case .sinks: return "SHOW SINKS"
        case .deployment(let name): return "SHOW DEPLOYMENT " + text(name)
        case .procedureStatus: return "SHOW PROCEDURE STATUS"
        case .createProcedure(let name): return "SHOW CREATE PROCEDURE " + text(name)
        case .components: return "SHOW COMPONENTS"
        case .jobs(let from, let like):
            return "SHOW JOBS" + (from.map { " FROM " + text($0) } ?? "") + (like.map { " LIKE " + quoted($0) } ?? "")
        case .job(let id): return "SHOW JOB " + text(id)
        case .jobLog(let id): return "SHOW JOBLOG " + text(id)
        }
    }

    private static func text(_ insert: InsertStatement) -> String {
        var s = "INSERT \(insert.orIgnore ? "OR IGNORE " : "")INTO \(text(insert.table))"
        if let columns = insert.columns { s += " (\(list(columns)))" }
        let rows = insert.rows.map { "(" + $0.map { text($0) }.joined(separator: ", ") + ")" }
        return s + " VALUES " + rows.joined(separator: ", ")
    }

    private static func parameters(_ parameters: [CreateProcedureStatement.Parameter]) -> String {
        parameters.map { "\($0.isConst ? "CONST " : "")\(text($0.name)) \(text($0.type))" }.joined(separator: ", ")
    }

    private static func text(_ p: CreateProcedureStatement) -> String {
        var s = "CREATE \(p.orReplace ? "OR REPLACE " : "")\(p.temporary ? "TEMPORARY " : "")PROCEDURE "
        s += "\(p.ifNotExists ? "IF NOT EXISTS " : "")\(text(p.name))(\(parameters(p.parameters)))"
        s += optionsSuffix(p.options) + " BEGIN"
        for statement in p.body { s += " " + text(statement) + ";" }
        return s + " END"
    }
}
