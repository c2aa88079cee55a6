import CRocksDB

/// Size and block-cache counters, for metrics.
extension RocksDatabase {
    /// The current size (SST files plus memtables) and the block cache's hit and miss counts
    /// since the database was opened. Cheap enough to call per `/metrics` scrape.
    public func statistics() -> StorageStatistics {
        let tickers = Self.tickers(in: statisticsText())
        return StorageStatistics(
            sizeBytes: integerProperty("rocksdb.total-sst-files-size")
                &+ integerProperty("rocksdb.cur-size-all-mem-tables"),
            blockCacheHits: tickers["rocksdb.block.cache.hit"] ?? 0,
            blockCacheMisses: tickers["rocksdb.block.cache.miss"] ?? 0)
    }

    /// An integer-valued DB property, 0 when RocksDB does not know it.
    func integerProperty(_ name: String) -> UInt64 {
        var value: UInt64 = 0
        return rocksdb_property_int(handle, name, &value) == 0 ? value : 0
    }

    /// The statistics dump (`rocksdb.<ticker> COUNT : <n>` lines); "" if statistics are off.
    func statisticsText() -> String {
        guard let text = rocksdb_options_statistics_get_string(options) else { return "" }
        defer { rocksdb_free(text) }
        return String(cString: text)
    }

    /// The ticker counters of a statistics dump: `name COUNT : value` lines. Histogram lines
    /// (`name P50 : ...`) are skipped.
    static func tickers(in text: String) -> [String: UInt64] {
        var tickers: [String: UInt64] = [:]
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ")
            guard fields.count == 4, fields[1] == "COUNT", fields[2] == ":", let value = UInt64(fields[3]) else {
                continue
            }
            tickers[String(fields[0])] = value
        }
        return tickers
    }
}
