import TideCore
import TideDB
import TideMetrics
import TideSQL

/// Prepared deployment calls: which messages of the extended protocol are steps of a short
/// one (the server runs those on the event loop that read them, without handing them to a
/// pool thread and back: `ConnectionMailbox.run(_:inlineIf:)`), and the calls' timing.
extension WireSession {
    /// True for Bind of a prepared `EXECUTE DEPLOYMENT ... VALUES ($1, ...)`, Describe and
    /// Execute of a portal bound from one whose deployment had short calls lately
    /// (`DeploymentCache.hasShortCalls`), and Sync and Flush. Everything else may take long.
    func isShortStep(_ message: FrontendMessage) -> Bool {
        switch message {
        case .bind(let bind):
            return statements[bind.statement]?.deploymentCall != nil
        case .execute(portal: let name, maxRows: _) where portals[name]?.result != nil:
            return true  // computed by its Describe: Execute only sends the rows
        case .describe(.portal(let name)), .execute(portal: let name, maxRows: _):
            guard let call = portals[name]?.deploymentRows else { return false }
            return hasShortCalls(call.name)
        case .sync, .flush:
            return true
        case .query, .parse, .describe(.statement), .close, .terminate, .authenticationResponse, .copy:
            return false
        }
    }

    /// Runs a prepared deployment call, recording its time in the deployment's metrics (the
    /// same series HTTP calls record, so `/metrics` shows a deployment's calls of both protocols).
    func timedDeploymentCall(_ name: QualifiedName, rows: [[Value]]) throws -> StatementResult {
        let clock = ContinuousClock()
        let start = clock.now
        let outcome = Result { try session.executeDeployment(name, rows: rows) }
        if let metrics {
            metrics.deploymentRequest(
                database: database(of: name), deployment: name.name.name, duration: start.duration(to: clock.now),
                failed: (try? outcome.get()) == nil)
        }
        return try outcome.get()
    }

    /// The database `name` is in: its qualifier, or the session's current database.
    private func database(of name: QualifiedName) -> String {
        name.parts.count == 2 ? name.parts[0].name : session.currentDatabase
    }

    private func hasShortCalls(_ name: QualifiedName) -> Bool {
        let database = database(of: name)
        guard !database.isEmpty else { return false }
        return session.database.deploymentCache.hasShortCalls(
            name.name.name, in: database, timeZone: session.timeZone)
    }
}
