/// RocksDB's view of its own size and block cache, read for metrics (`/metrics`).
public struct StorageStatistics: Sendable, Hashable {
    /// Bytes of every live SST file plus every memtable (what the online store occupies).
    public var sizeBytes: UInt64
    /// Block reads the LRU block cache served since the database was opened.
    public var blockCacheHits: UInt64
    /// Block reads that missed the cache and went to the files since the database was opened.
    public var blockCacheMisses: UInt64

    /// Statistics with the given values.
    public init(sizeBytes: UInt64 = 0, blockCacheHits: UInt64 = 0, blockCacheMisses: UInt64 = 0) {
        self.sizeBytes = sizeBytes
        self.blockCacheHits = blockCacheHits
        self.blockCacheMisses = blockCacheMisses
    }

    /// Hits over all block-cache lookups, 0 before the first lookup.
    public var blockCacheHitRatio: Double {
        let lookups = blockCacheHits + blockCacheMisses
        return lookups == 0 ? 0 : Double(blockCacheHits) / Double(lookups)
    }
}
