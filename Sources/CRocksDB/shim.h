// The RocksDB C API (Debian librocksdb-dev). Only TideStore/RocksDB imports this module.
#include <rocksdb/c.h>
