import Synchronization
import TideCore
import TidePlan
import TideStore

/// An engine outside the process that runs offline queries instead of TideBatch when a
/// session says so (`SET @@offline_engine = 'spark://host:port'`). TideSpark's Spark Connect
/// engine is the one there is; the process installs it (`Database.installRemoteOfflineEngine`),
/// so TideDB itself never links gRPC.
public protocol RemoteOfflineEngine: AnyObject, Sendable {
    /// Computes the plan's rows, columns in plan order, rows in TideBatch's order, handing
    /// them to `batch` as they arrive (so a large result is never held whole).
    /// - Throws: 0A000 naming what cannot be lowered (before anything runs remotely), 08006
    ///   when the engine cannot be reached, the engine's own errors with their SQLSTATE, and
    ///   whatever `batch` throws.
    func run(_ query: RemoteOfflineQuery, batch: (ColumnBatch) throws -> Void) throws
    /// Computes the same rows as `run`, but has the engine write them to files first and
    /// reads them back, so a result of any size passes with bounded memory on both sides
    /// (Spark Connect holds each partition of a streamed result whole). For OUTFILEs.
    func runSpooled(_ query: RemoteOfflineQuery, batch: (ColumnBatch) throws -> Void) throws
    /// Has the engine write the plan's rows itself, as Parquet files in the new directory
    /// `directory` (columns named `names`; `compression` snappy, zstd, gzip or none), in
    /// TideBatch's row order. The caller counts and moves the files (`ParquetDirectoryTarget`).
    func writeParquet(_ query: RemoteOfflineQuery, names: [String], directory: String, compression: String) throws
    /// What EXPLAIN shows: the query the engine would run.
    func explain(_ query: RemoteOfflineQuery) throws -> String
}

/// One offline query for a remote engine, with what it needs to read the tables.
public struct RemoteOfflineQuery: Sendable {
    public var endpoint: SparkEndpoint
    public var plan: PhysicalPlan
    public var timeZone: SessionTimeZone
    public var interrupt: StatementInterrupt
    /// The committed offline rows of a table, in seq order (what TideBatch would scan).
    public let source: @Sendable (TableDef) throws -> OfflineTableSource
}

/// The remote engine a process installed, if any, and the engine new sessions start with.
final class RemoteOfflineEngineSlot: Sendable {
    private let slot = Mutex<(engine: (any RemoteOfflineEngine)?, sessionDefault: SparkEndpoint?)>((nil, nil))

    func install(_ engine: any RemoteOfflineEngine, sessionDefault: SparkEndpoint?) {
        slot.withLock { $0 = (engine, sessionDefault) }
    }
    var value: (any RemoteOfflineEngine)? { slot.withLock { $0.engine } }
    var sessionDefault: SparkEndpoint? { slot.withLock { $0.sessionDefault } }
}

extension Database {
    /// Installs the engine that runs offline queries of sessions whose `@@offline_engine`
    /// names a Spark Connect server; new sessions start with `sessionDefault` (nil: local).
    public func installRemoteOfflineEngine(_ engine: any RemoteOfflineEngine, sessionDefault: SparkEndpoint? = nil) {
        remoteOfflineEngineSlot.install(engine, sessionDefault: sessionDefault)
    }
}

extension Session {
    /// The remote query for `plan` when this session sends offline queries elsewhere.
    func remoteOfflineQuery(_ plan: PhysicalPlan) throws -> (
        engine: any RemoteOfflineEngine, query: RemoteOfflineQuery
    )? {
        guard let endpoint = offlineEngine else { return nil }
        guard let engine = database.remoteOfflineEngineSlot.value else {
            throw TideError(
                .featureNotSupported, "this process cannot run queries on Spark (\(endpoint))",
                hint: "use the tide binary (shell, run or serve), or SET @@offline_engine = 'local'")
        }
        let store = database.offline
        return (
            engine,
            RemoteOfflineQuery(
                endpoint: endpoint, plan: plan, timeZone: timeZone, interrupt: interrupt,
                source: { try store.source(for: $0) })
        )
    }
}
