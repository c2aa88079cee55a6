import TideCore
import TideSQL

/// On a data directory opened read-only, the statements that would change it are refused
/// with 25006 before they run; reading, session settings and writing query results to a file
/// elsewhere stay allowed.
enum ReadOnlyGate {
    static func check(_ statement: Statement) throws {
        guard changesDataDirectory(statement) else { return }
        let words = SQLPrinter.print(statement).split(separator: " ").prefix(2).joined(separator: " ")
        throw TideError(
            "25006", "\(words) cannot run: the data directory is open read-only",
            hint: "open it without --read-only to change it")
    }

    static func changesDataDirectory(_ statement: Statement) -> Bool {
        switch statement {
        // EXPLAIN only plans the statement it names.
        case .query, .show, .describe, .use, .set, .executeDeployment, .verifyDeployment, .exit, .explain: return false
        case .createDatabase, .dropDatabase, .createTable, .dropTable, .truncateTable, .alterTable, .createIndex,
            .dropIndex, .createUser, .alterUser, .dropUser, .insert, .delete, .loadData, .deploy, .dropDeployment,
            .createProcedure, .dropProcedure, .call, .createFunction, .dropFunction, .functionScript, .connector,
            .stopJob:
            return true
        }
    }
}
