import TideCore
import TideDB
import TideSQL

/// Which messages of the extended protocol are steps of a short deployment call: the
/// server runs those on the event loop that read them, without handing them to a pool
/// thread and back (`ConnectionMailbox.run(_:inlineIf:)`).
extension WireSession {
    /// True for Bind of a prepared `EXECUTE DEPLOYMENT ... VALUES ($1, ...)`, Describe and
    /// Execute of a portal bound from one whose deployment had short calls lately
    /// (`DeploymentCache.hasShortCalls`), and Sync and Flush. Everything else may take long.
    func isShortStep(_ message: FrontendMessage) -> Bool {
        switch message {
        case .bind(let bind):
            return statements[bind.statement]?.deploymentCall != nil
        case .describe(.portal(let name)), .execute(portal: let name, maxRows: _):
            guard let call = portals[name]?.deploymentRows else { return false }
            return hasShortCalls(call.name)
        case .sync, .flush:
            return true
        case .query, .parse, .describe(.statement), .close, .terminate, .authenticationResponse, .copy:
            return false
        }
    }

    private func hasShortCalls(_ name: QualifiedName) -> Bool {
        let database = name.parts.count == 2 ? name.parts[0].name : session.currentDatabase
        guard !database.isEmpty else { return false }
        return session.database.deploymentCache.hasShortCalls(
            name.name.name, in: database, timeZone: session.timeZone)
    }
}
