import CRocksDB

/// RocksDB counts every key comparison, block read and memtable probe into a thread-local
/// "perf context" unless the calling thread turns that off. Through the shared library's
/// thread-local storage the counting costs ~15% of a large write and a few percent of a read;
/// nothing in TideDB reads those counts (`/metrics` uses the statistics tickers instead). The
/// setting is per thread and cheap to repeat, so every entry point that reads or writes calls
/// this first.
enum RocksPerfCounting {
    @inline(__always)
    static func disableOnThisThread() {
        rocksdb_set_perf_level(Int32(rocksdb_disable))
    }
}
