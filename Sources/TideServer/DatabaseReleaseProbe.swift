import TideDB
import TideStore

/// Tells when a database has been closed (its last reference released and RocksDB closed,
/// on whichever thread that happened), without keeping it alive itself.
struct DatabaseReleaseProbe: Sendable {
    private let signal: RocksCloseSignal

    init(_ database: Database) { signal = database.closeSignal }

    var isClosed: Bool { signal.isClosed }
}
