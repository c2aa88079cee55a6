import Synchronization
import TideCore
import TideExec

/// Compiled deployments by (database, name), so a request does no parsing or binding.
///
/// Each lookup re-checks the entry against the catalog, which is an in-memory read: the
/// deployment must still exist with the same SQL and creation time (DROP + DEPLOY under
/// the same name is caught), and every table the plan reads must still have the
/// definition it was compiled against (new indexes, changed TTLs, re-created tables).
/// A stale entry is compiled again. `POST /refresh` empties the cache. EXECUTE DEPLOYMENT
/// (every protocol) and the HTTP API share it; entries are per time zone, since the
/// compiled functions read the session's zone.
public final class DeploymentCache: Sendable {
    /// Unowned: the database owns its cache.
    private unowned let database: Database
    private let entries = Mutex<[Key: Entry]>([:])

    init(database: Database) {
        self.database = database
    }

    /// A compiled deployment and what it was compiled against.
    public struct Entry: Sendable {
        public let prepared: PreparedDeployment
        /// The catalog's record (canonical names, SQL, creation time).
        public let info: DeploymentInfo
        /// The definitions of the tables the plan reads, as compiled.
        public let tables: [TableDef]
        /// How long its recent calls took (`execute` records them).
        public let callTimes: DeploymentCallTimes

        /// The deployment's output row for each request row (none for a row its WHERE drops),
        /// as one call: its time goes into `callTimes`. `beforeEach` runs before each row (a
        /// session's cancel and timeout check).
        public func execute(_ requests: [[Value]], beforeEach: () throws -> Void = {}) throws -> [[Value]] {
            let clock = ContinuousClock()
            let start = clock.now
            defer { callTimes.record(start.duration(to: clock.now)) }
            return try requests.compactMap { request in
                try beforeEach()
                return try prepared.execute(request)
            }
        }
    }

    private struct Key: Hashable, Sendable {
        var database: String
        var name: String
        var timeZone: SessionTimeZone
    }

    /// The compiled deployment `name` of `database`, compiling it if it is new or stale.
    /// - Throws: `42704` if the deployment does not exist, or what compiling throws.
    public func deployment(_ name: String, in database: String, timeZone: SessionTimeZone = .utc) throws -> Entry {
        guard let info = self.database.deployment(name, in: database) else {
            throw TideError(.undefinedObject, "deployment \"\(name)\" does not exist in database \"\(database)\"")
        }
        let key = Key(database: info.database, name: info.name, timeZone: timeZone)
        if let cached = entries.withLock({ $0[key] }), isCurrent(cached, info: info) { return cached }
        let prepared = try self.database.prepare(deployment: info.name, in: info.database, timeZone: timeZone)
        let entry = Entry(
            prepared: prepared, info: info, tables: PlanTables.tables(of: prepared.plan),
            callTimes: DeploymentCallTimes())
        entries.withLock { $0[key] = entry }
        return entry
    }

    /// True when `name` of `database` is compiled, current, and its recent calls were short
    /// (`DeploymentCallTimes.areShort()`): a server may then run a call of it on the thread
    /// that received it. Never compiles; a cheap in-memory check.
    public func hasShortCalls(_ name: String, in database: String, timeZone: SessionTimeZone = .utc) -> Bool {
        guard let info = self.database.deployment(name, in: database),
            let entry = entries.withLock({ $0[Key(database: info.database, name: info.name, timeZone: timeZone)] })
        else { return false }
        return entry.callTimes.areShort() && isCurrent(entry, info: info)
    }

    /// Forgets every compiled deployment.
    public func removeAll() {
        entries.withLock { $0.removeAll() }
    }

    /// True when `name` of `database` is cached and still matches the catalog (tests).
    public func isCurrent(_ name: String, in database: String, timeZone: SessionTimeZone = .utc) -> Bool {
        guard let info = self.database.deployment(name, in: database),
            let entry = entries.withLock({ $0[Key(database: info.database, name: info.name, timeZone: timeZone)] })
        else { return false }
        return isCurrent(entry, info: info)
    }

    private func isCurrent(_ entry: Entry, info: DeploymentInfo) -> Bool {
        guard entry.info == info else { return false }
        return entry.tables.allSatisfy { database.table($0.name, in: $0.database) == $0 }
    }
}
