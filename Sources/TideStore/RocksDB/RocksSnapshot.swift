import CRocksDB
import TideCore

/// A fixed point in a `RocksDatabase`'s history: iterators made with it all read the database
/// as it was when the snapshot was taken, whichever thread makes them. Released in `deinit`
/// (after every iterator holding it is gone).
///
/// `@unchecked Sendable`: a `rocksdb_snapshot_t` is immutable and RocksDB lets any thread
/// read through it.
public final class RocksSnapshot: @unchecked Sendable {
    let handle: OpaquePointer
    /// Keeps the `rocksdb_t` open while the snapshot lives.
    private let database: RocksDatabase

    /// The database as it is now.
    public init(_ database: RocksDatabase) throws {
        guard let handle = rocksdb_create_snapshot(database.handle) else {
            throw TideError.internal("rocksdb_create_snapshot failed")
        }
        self.handle = handle
        self.database = database
    }

    deinit {
        rocksdb_release_snapshot(database.handle, handle)
    }
}
