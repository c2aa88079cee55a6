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

    public init(createIfMissing: Bool = true, syncWrites: Bool = false, blockCacheBytes: Int = 256 << 20) {
        self.createIfMissing = createIfMissing
        self.syncWrites = syncWrites
        self.blockCacheBytes = blockCacheBytes
    }
}
