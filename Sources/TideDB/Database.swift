import Foundation
import TideCore
import TideStore

/// The embeddable database: one data directory holding the RocksDB instance (catalog, and
/// the online store) and the offline store's files. Open it once per process and create a
/// session per connection or script.
public final class Database: Sendable {
    public let directory: String
    let rocks: RocksDatabase
    let catalog: PersistentCatalog
    let offline: OfflineStore
    let online: OnlineStore
    private let reclaimer: TTLReclaimer?
    /// Keeps every deployment's long-window tiles in step with the rows (`Database+Tiles`).
    let tileMaintainer = TileMaintainer()
    private let lock: DataDirectoryLock?
    /// Opened with `readOnly`: statements that would change the directory are refused (25006).
    public let isReadOnly: Bool
    /// Compiled deployments, shared by EXECUTE DEPLOYMENT and the HTTP API.
    public var deploymentCache: DeploymentCache { deploymentCacheStorage.value }
    private let deploymentCacheStorage = DeploymentCacheSlot()
    /// The Kafka connector service the process installed (`installConnectors`).
    let connectorSlot = ConnectorServiceSlot()
    /// The engine offline queries go to when a session's `@@offline_engine` is not local.
    let remoteOfflineEngineSlot = RemoteOfflineEngineSlot()

    /// Opens (creating if needed) the data directory. With `readOnly` the directory must exist;
    /// nothing in it is written (no lock, no TTL sweep, no load roll-back, no connectors), it
    /// may be open in another process meanwhile (this one sees the state as of opening), and
    /// statements that would change it are refused with 25006.
    public init(directory: String, readOnly: Bool = false) throws {
        self.directory = directory
        isReadOnly = readOnly
        if readOnly {
            guard FileManager.default.fileExists(atPath: directory + "/rocksdb/CURRENT") else {
                throw TideError(.ioError, "\(directory) is not a TideDB data directory")
            }
            lock = nil
        } else {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw TideError(.ioError, "cannot create data directory \(directory): \(error.localizedDescription)")
            }
            lock = try DataDirectoryLock(directory: directory)
        }
        do {
            rocks = try RocksDatabase(path: directory + "/rocksdb", options: RocksOptions(readOnly: readOnly))
        } catch let error as TideError where error.code == .dataCorrupted {
            var named = error
            named.hint = "tide repair --data \(directory) keeps everything that is readable and reports what was lost"
            throw named
        }
        catalog = try PersistentCatalog(store: rocks)
        offline = OfflineStore(root: directory + "/offline", compactor: readOnly ? nil : OfflineCompactor())
        let catalog = self.catalog
        var rolledBack: Set<UInt32> = []
        online = OnlineStore(
            database: rocks, tableIDs: { catalog.tableRecord(database: $0.database, name: $0.name)?.id })
        if readOnly {
            reclaimer = nil
        } else {
            // A LOAD DATA that a crash interrupted is undone: all of a load or none of it.
            rolledBack = Set(try online.rollBackUnfinishedLoads { id in catalog.tableRecord(id: id)?.definition }.keys)
            reclaimer = TTLReclaimer(catalog: catalog, online: online, interval: .seconds(60))
        }
        deploymentCacheStorage.install(DeploymentCache(database: self))
        online.install(tileMaintainer: tileMaintainer)
        try loadTileSets(rebuilding: rolledBack)
        // A DROP TABLE that a crash interrupted is finished, and the files of an offline write
        // it interrupted are removed.
        if !readOnly {
            try finishPendingDrops()
            try removeOfflineOrphans()
        }
    }

    /// A merge of offline segments in progress finishes before the data directory is released.
    deinit { offline.compactor?.waitUntilIdle() }

    /// A new session: no current database, `online` mode, UTC.
    public func session() -> Session {
        let session = Session(database: self)
        session.offlineEngine = remoteOfflineEngineSlot.sessionDefault
        return session
    }
}
