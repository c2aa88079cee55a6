import CRocksDB
import TideCore

/// An open RocksDB database. The only owner of a `rocksdb_t` handle; closed in `deinit`
/// (after every `RocksIterator`, which keeps its database alive, is gone).
///
/// The write-ahead log is always on (see `RocksOptions`). `@unchecked Sendable` because a
/// `rocksdb_t` is thread-safe for concurrent reads and writes, and every other stored handle
/// (options) is only read after `init`.
public final class RocksDatabase: @unchecked Sendable {
    /// Set once `deinit` has closed the database, whichever thread released it last.
    public let closed = RocksCloseSignal()
    let handle: OpaquePointer
    /// The open options; they also own the statistics object (`RocksDatabase+Statistics`).
    let options: OpaquePointer
    /// Write options with the configured default sync flag.
    private let writeOptions: OpaquePointer
    /// Write options that always `fsync` the write-ahead log before returning.
    private let syncWriteOptions: OpaquePointer
    /// Write options that never `fsync` (the log is still written).
    private let asyncWriteOptions: OpaquePointer
    private let readOptions: OpaquePointer

    /// The options the database was opened with.
    public let configuration: RocksOptions

    /// RocksDB's number of LSM levels (its default).
    private static let levels = 7

    /// Opens the database in directory `path` (by default creating it if missing).
    public init(path: String, options configuration: RocksOptions = RocksOptions()) throws {
        guard let options = rocksdb_options_create(), let tableOptions = rocksdb_block_based_options_create(),
            let cache = rocksdb_cache_create_lru(configuration.blockCacheBytes)
        else { throw TideError.internal("cannot create RocksDB options") }
        rocksdb_options_set_create_if_missing(options, configuration.createIfMissing ? 1 : 0)
        // Reads: a shared LRU block cache and whole-key bloom filters (point lookups skip
        // files); compression keeps the online store compact. The options copy what they need.
        rocksdb_block_based_options_set_block_cache(tableOptions, cache)
        rocksdb_block_based_options_set_filter_policy(tableOptions, rocksdb_filterpolicy_create_bloom(10))
        // 16 KiB blocks (RocksDB's default is 4 KiB): a request's window scans hundreds of
        // consecutive entries of one key, and each block boundary costs a cache lookup and a
        // seek within the next block (6,300 requests over table files: 2.89 s of CPU against
        // 3.00 s with 4 KiB blocks); point reads still binary-search a block's restart points.
        rocksdb_block_based_options_set_block_size(tableOptions, 16 << 10)
        rocksdb_options_set_block_based_table_factory(options, tableOptions)
        rocksdb_options_set_compression(options, Int32(rocksdb_lz4_compression))
        // Levels 0 and 1 stay uncompressed: every row is written there first (a flush, then
        // the L0 -> L1 compaction), so compressing them costs CPU on the ingest path (a fifth
        // of a flush went to LZ4) while saving little, since data lives there briefly and the
        // deeper levels hold most of it, compressed.
        var perLevel = [Int32](repeating: Int32(rocksdb_lz4_compression), count: Self.levels)
        perLevel[0] = Int32(rocksdb_no_compression)
        perLevel[1] = Int32(rocksdb_no_compression)
        perLevel.withUnsafeMutableBufferPointer { levels in
            rocksdb_options_set_compression_per_level(options, levels.baseAddress, levels.count)
        }
        // Damage is an error, never a silent loss: checksums are verified, and a damaged log
        // refuses to open (see RocksOptions.WALRecovery). RocksDB's modes: 0 tolerate a
        // corrupted tail, 3 skip any corrupted record.
        rocksdb_options_set_paranoid_checks(options, 1)
        rocksdb_options_set_wal_recovery_mode(options, configuration.walRecovery == .strict ? 0 : 3)
        rocksdb_options_increase_parallelism(options, 2)
        // Compactions run at the lowest CPU priority: on a small machine a compaction that
        // competes with the source's writer and the requests as an equal puts its seconds of
        // work into their tail latency (Kafka freshness p99 ~120-310 ms against ~75-135 ms at
        // 100k rows/s on 2 cores); it still gets every idle cycle. Flushes (the high-priority
        // pool) keep their priority, since writes wait for them.
        if let env = rocksdb_create_default_env() {
            rocksdb_env_lower_thread_pool_cpu_priority(env)
            rocksdb_env_destroy(env)
        }
        // Tickers (block-cache hits and misses) for `/metrics`; see RocksDatabase+Statistics.
        rocksdb_options_enable_statistics(options)
        rocksdb_block_based_options_destroy(tableOptions)
        rocksdb_cache_destroy(cache)
        let handle: OpaquePointer?
        do {
            handle = try RocksError.check("cannot open RocksDB at \(path)") { error in
                configuration.readOnly
                    ? rocksdb_open_for_read_only(options, path, 0, &error) : rocksdb_open(options, path, &error)
            }
        } catch let error as TideError where error.message.contains("Corruption") {
            rocksdb_options_destroy(options)
            throw TideError(
                .dataCorrupted, "the data in \(path) is damaged: \(error.message)",
                hint: "tide repair --data DIR keeps everything readable and reports what was lost")
        } catch {
            rocksdb_options_destroy(options)
            throw error
        }
        guard let handle else {
            rocksdb_options_destroy(options)
            throw TideError.internal("rocksdb_open returned no handle")
        }
        guard let syncWriteOptions = rocksdb_writeoptions_create(),
            let asyncWriteOptions = rocksdb_writeoptions_create(),
            let readOptions = rocksdb_readoptions_create()
        else {
            rocksdb_close(handle)
            rocksdb_options_destroy(options)
            throw TideError.internal("cannot create RocksDB read or write options")
        }
        rocksdb_writeoptions_set_sync(syncWriteOptions, 1)
        rocksdb_writeoptions_set_sync(asyncWriteOptions, 0)
        self.handle = handle
        self.options = options
        self.syncWriteOptions = syncWriteOptions
        self.asyncWriteOptions = asyncWriteOptions
        self.writeOptions = configuration.syncWrites ? syncWriteOptions : asyncWriteOptions
        self.readOptions = readOptions
        self.configuration = configuration
    }

    deinit {
        rocksdb_close(handle)
        rocksdb_writeoptions_destroy(syncWriteOptions)
        rocksdb_writeoptions_destroy(asyncWriteOptions)
        rocksdb_readoptions_destroy(readOptions)
        rocksdb_options_destroy(options)
        closed.markClosed()
    }

    /// Rebuilds the database's manifest from the table files that are readable (RocksDB's
    /// repairer), for damage that `.salvage` replay alone cannot open past.
    public static func repair(path: String) throws {
        guard let options = rocksdb_options_create() else { throw TideError.internal("cannot create RocksDB options") }
        defer { rocksdb_options_destroy(options) }
        try RocksError.check("RocksDB repair of \(path) failed") { error in rocksdb_repair_db(options, path, &error) }
    }

    /// Writes the memtables to table files, so the write-ahead log is no longer needed.
    public func flush() throws {
        guard let options = rocksdb_flushoptions_create() else {
            throw TideError.internal("cannot create flush options")
        }
        defer { rocksdb_flushoptions_destroy(options) }
        rocksdb_flushoptions_set_wait(options, 1)
        try RocksError.check("RocksDB flush failed") { error in rocksdb_flush(handle, options, &error) }
    }

    /// Writes `value` under `key`.
    public func put(_ key: [UInt8], _ value: [UInt8]) throws {
        RocksPerfCounting.disableOnThisThread()
        try RocksError.check("RocksDB write failed") { error in
            key.withCharBuffer { keyPointer, keyCount in
                value.withCharBuffer { valuePointer, valueCount in
                    rocksdb_put(handle, writeOptions, keyPointer, keyCount, valuePointer, valueCount, &error)
                }
            }
        }
    }

    /// Removes `key`; removing an absent key is not an error.
    public func delete(_ key: [UInt8]) throws {
        RocksPerfCounting.disableOnThisThread()
        try RocksError.check("RocksDB delete failed") { error in
            key.withCharBuffer { keyPointer, keyCount in
                rocksdb_delete(handle, writeOptions, keyPointer, keyCount, &error)
            }
        }
    }

    /// Applies every operation of `batch` atomically. With `sync` true the write-ahead log
    /// is `fsync`ed before this returns; nil uses `configuration.syncWrites`. The batch is
    /// left unchanged and may be written again or cleared.
    public func write(_ batch: RocksWriteBatch, sync: Bool? = nil) throws {
        let options: OpaquePointer
        switch sync {
        case .some(true): options = syncWriteOptions
        case .some(false): options = asyncWriteOptions
        case .none: options = writeOptions
        }
        RocksPerfCounting.disableOnThisThread()
        try RocksError.check("RocksDB batch write failed") { error in
            rocksdb_write(handle, options, batch.handle, &error)
        }
    }

    /// The value stored under `key`, or nil.
    public func get(_ key: [UInt8]) throws -> [UInt8]? {
        RocksPerfCounting.disableOnThisThread()
        var length = 0
        let value = try RocksError.check("RocksDB read failed") { error in
            key.withCharBuffer { keyPointer, keyCount in
                rocksdb_get(handle, readOptions, keyPointer, keyCount, &length, &error)
            }
        }
        guard let value else { return nil }
        // rocksdb_get returns malloc'ed memory: copy it, then free it.
        defer { rocksdb_free(value) }
        return Array(UnsafeRawBufferPointer(start: value, count: length))
    }

    /// A new iterator over a snapshot of the database as it is now.
    public func makeIterator() throws -> RocksIterator {
        try RocksIterator(database: self, databaseHandle: handle)
    }

    /// A new iterator over the keys starting with `prefix` only, in a snapshot of the database
    /// as it is now (or as `snapshot` holds it): RocksDB stops at the prefix's end itself
    /// (`RocksIterator(withinPrefix:)`). Seek it within `prefix`.
    public func makeIterator(withinPrefix prefix: [UInt8], snapshot: RocksSnapshot? = nil) throws -> RocksIterator {
        try RocksIterator(database: self, databaseHandle: handle, withinPrefix: prefix, snapshot: snapshot)
    }

    /// Every key starting with `prefix`, with its value, in key order (a snapshot).
    public func scan(prefix: [UInt8]) throws -> [(key: [UInt8], value: [UInt8])] {
        let iterator = try makeIterator()
        var entries: [(key: [UInt8], value: [UInt8])] = []
        iterator.seek(prefix: prefix)
        while iterator.isValid {
            entries.append((key: iterator.key, value: iterator.value))
            iterator.next()
        }
        try iterator.checkError()
        return entries
    }
}
