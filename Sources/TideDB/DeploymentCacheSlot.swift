import Synchronization

/// Holds a database's deployment cache, which refers back to the database (unowned) and
/// so can only be made once the database exists.
final class DeploymentCacheSlot: Sendable {
    private let slot = Mutex<DeploymentCache?>(nil)

    func install(_ cache: DeploymentCache) { slot.withLock { $0 = cache } }

    var value: DeploymentCache {
        slot.withLock { cache in
            guard let cache else { preconditionFailure("Database.init installs the deployment cache") }
            return cache
        }
    }
}
