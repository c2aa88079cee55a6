import TideCore
import TidePlan
import TideSQL
import TideStore

/// EXPLAIN: the physical plan of a query, one line per row (with index bindings and
/// warnings); for DEPLOY, what it would change (`DeployCommand.dryRun`); for other statements,
/// their canonical text once they parse.
struct ExplainCommand {
    let session: Session

    func run(_ statement: Statement) throws -> StatementResult {
        if case .deploy(let deploy) = statement { return try DeployCommand(session: session).dryRun(deploy) }
        guard case .query(let query) = statement else {
            return .text(tag: "EXPLAIN", columns: ["plan"], rows: [[UserCommands.redacted(statement)]])
        }
        var binder = Binder(catalog: session.database.catalog, database: session.currentDatabase)
        let bound = try binder.bind(query)
        var lines = PlanPrinter.print(bound.plan).split(separator: "\n").map { [String($0)] }
        // Offline on Spark: the query Spark would run, after the plan it comes from.
        if query.config?.value("execute_mode") == nil, session.executeMode == .offline,
            let (engine, remote) = try session.remoteOfflineQuery(bound.plan)
        {
            lines.append(["SPARK SQL (\(remote.endpoint)):"])
            lines += try engine.explain(remote).split(separator: "\n").map { ["  " + $0] }
        }
        return .text(tag: "EXPLAIN", columns: ["plan"], rows: lines + bound.warnings.map { ["WARNING: " + $0] })
    }
}
