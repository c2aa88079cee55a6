import TideCore
import TideDB
import TideSQL

/// Infers the types of parameters the client left unspecified (OID 0) from where they
/// stand, as PostgreSQL does: a value of `INSERT INTO t VALUES (...)` takes its column's
/// type, a value of `EXECUTE DEPLOYMENT d VALUES (...)` its request table column's type, and
/// a placeholder in a query the type of what it is compared with or passed to.
/// JDBC sends `setTimestamp` and `setObject` values untyped and reads the inferred types
/// back from ParameterDescription.
enum ParameterTypeInference {
    static func infer(_ statement: Statement, declared: [Int32], session: Session) -> [Int32] {
        // Nothing to infer when the client typed every parameter (no binding at each Parse).
        guard declared.contains(0) else { return declared }
        var types = declared
        func assign(_ rows: [[Expr]], _ columns: [DataType]) {
            for row in rows {
                for (expr, type) in zip(row, columns) {
                    guard case .parameter(let n) = expr.kind, n >= 1, n <= types.count, types[n - 1] == 0 else {
                        continue
                    }
                    types[n - 1] = PostgresType.of(type).oid
                }
            }
        }
        switch statement {
        case .insert(let insert):
            let database = insert.table.qualifier.last?.name ?? session.currentDatabase
            guard let table = session.database.table(insert.table.name.name, in: database) else { return types }
            let columns: [DataType]
            if let named = insert.columns {
                columns = named.map { name in
                    table.columnIndex(name.name).map { table.columns[$0].type } ?? .string
                }
            } else {
                columns = table.columns.map(\.type)
            }
            assign(insert.rows, columns)
        case .executeDeployment(let name, let rows):
            let database = name.qualifier.last?.name ?? session.currentDatabase
            let cached = try? session.database.deploymentCache.deployment(
                name.name.name, in: database, timeZone: session.timeZone)
            guard let table = cached?.prepared.requestTable else { return types }
            assign(rows, table.columns.map(\.type))
        case .query:
            for (n, type) in session.inferredParameterTypes(of: statement) where n >= 1 && n <= types.count {
                if types[n - 1] == 0 { types[n - 1] = PostgresType.of(type).oid }
            }
        case .verifyDeployment, .explain, .createDatabase, .dropDatabase, .use, .createTable, .dropTable,
            .truncateTable,
            .alterTable, .createIndex, .dropIndex, .describe, .show, .set, .createUser, .alterUser, .dropUser, .delete,
            .loadData, .deploy, .dropDeployment, .createProcedure, .dropProcedure, .call, .createFunction,
            .dropFunction, .functionScript, .connector, .stopJob, .exit:
            break
        }
        return types
    }
}
