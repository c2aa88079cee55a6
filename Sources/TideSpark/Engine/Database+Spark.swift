import Foundation
import TideDB

extension Database {
    /// Lets sessions run offline queries on Spark (`SET @@offline_engine = 'spark://...'`);
    /// `TIDE_OFFLINE_ENGINE` in the environment sets the engine sessions start with. Table
    /// snapshots for Spark go to `<data dir>/spark-export` (a read-only database: a
    /// temporary directory of this process).
    /// - Throws: 22023 when `TIDE_OFFLINE_ENGINE` is neither `local` nor a Spark address.
    public func installSparkEngine() throws {
        let environment = ProcessInfo.processInfo.environment["TIDE_OFFLINE_ENGINE"] ?? "local"
        let sessionDefault = try SparkEndpoint(engine: environment)
        let root =
            isReadOnly
            ? NSTemporaryDirectory() + "tide-spark-export-\(getpid())"
            : directory + "/spark-export"
        installRemoteOfflineEngine(SparkOfflineEngine(exportDirectory: root), sessionDefault: sessionDefault)
    }
}
