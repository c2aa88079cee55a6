/// How a `RocksDatabase` is opened and how its writes reach the disk.
///
/// The write-ahead log is always on: a write RocksDB has acknowledged survives a crash of
/// the process (`kill -9`). `syncWrites` additionally `fsync`s the log before a write
/// returns, so the write also survives a crash of the machine; it costs one `fsync` per
/// write, so row ingest leaves it off and DDL asks for it per batch
/// (`RocksDatabase.write(_:sync:)`).
public struct RocksOptions: Sendable, Hashable {
    /// Create the database directory and files when they do not exist yet.
    public var createIfMissing: Bool
    /// The default for `put`, `delete` and `write(_:sync:)` without an explicit `sync`.
    public var syncWrites: Bool
    /// Bytes of the LRU block cache shared by every read.
    public var blockCacheBytes: Int
    /// What opening does with a damaged write-ahead log.
    public var walRecovery: WALRecovery
    /// Opens without writing anything (another process may have the database open); every
    /// write fails with 25006.
    public var readOnly: Bool

    /// How the write-ahead log is replayed when the database opens.
    public enum WALRecovery: Sendable, Hashable {
        /// A record cut short at the very end of the log (a crash in the middle of a write)
        /// is dropped: it was never acknowledged. Any other damage refuses to open, naming
        /// it, rather than silently dropping every acknowledged write after it (RocksDB's
        /// default, point-in-time recovery, does that).
        case strict
        /// Replays every record that is readable and skips the damaged ones (`tide repair`).
        case salvage
    }

    public init(
        createIfMissing: Bool = true, syncWrites: Bool = false, blockCacheBytes: Int = 256 << 20,
        walRecovery: WALRecovery = .strict, readOnly: Bool = false
    ) {
        self.readOnly = readOnly
        self.createIfMissing = createIfMissing
        self.syncWrites = syncWrites
        self.blockCacheBytes = blockCacheBytes
        self.walRecovery = walRecovery
    }
}
