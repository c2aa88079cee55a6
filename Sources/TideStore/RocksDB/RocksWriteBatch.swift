import CRocksDB
import TideCore

/// A list of puts and deletes that `RocksDatabase.write(_:sync:)` applies atomically:
/// after a crash either all of them are visible or none is, and readers never see a part.
///
/// Operations apply in the order they were added, so a later put or delete of the same key
/// wins. A batch that is never written has no effect. Owns its `rocksdb_writebatch_t`,
/// freed in `deinit`. Not `Sendable`: a batch is built by one thread, then written.
public final class RocksWriteBatch {
    let handle: OpaquePointer

    /// An empty batch.
    public init() throws {
        guard let handle = rocksdb_writebatch_create() else {
            throw TideError.internal("rocksdb_writebatch_create failed")
        }
        self.handle = handle
    }

    deinit {
        rocksdb_writebatch_destroy(handle)
    }

    /// Adds "store `value` under `key`".
    public func put(_ key: [UInt8], _ value: [UInt8]) {
        key.withCharBuffer { keyPointer, keyCount in
            value.withCharBuffer { valuePointer, valueCount in
                rocksdb_writebatch_put(handle, keyPointer, keyCount, valuePointer, valueCount)
            }
        }
    }

    /// Adds "store `value` under `key`" from bytes the caller holds (RocksDB copies them).
    public func put(_ key: UnsafeBufferPointer<UInt8>, _ value: UnsafeBufferPointer<UInt8>) {
        key.withMemoryRebound(to: CChar.self) { key in
            value.withMemoryRebound(to: CChar.self) { value in
                rocksdb_writebatch_put(handle, key.baseAddress, key.count, value.baseAddress, value.count)
            }
        }
    }

    /// Adds "remove `key`" (a no-op if the key is absent when the batch is written).
    public func delete(_ key: [UInt8]) {
        key.withCharBuffer { keyPointer, keyCount in
            rocksdb_writebatch_delete(handle, keyPointer, keyCount)
        }
    }

    /// Adds "remove every key in `[start, end)`" as one range tombstone: cheap to write
    /// however many keys the range holds, and honoured by every later read.
    public func deleteRange(from start: [UInt8], to end: [UInt8]) {
        start.withCharBuffer { startPointer, startCount in
            end.withCharBuffer { endPointer, endCount in
                rocksdb_writebatch_delete_range(handle, startPointer, startCount, endPointer, endCount)
            }
        }
    }

    /// The number of operations added so far.
    public var count: Int { Int(rocksdb_writebatch_count(handle)) }

    /// True if nothing has been added.
    public var isEmpty: Bool { count == 0 }

    /// Removes every operation, so the batch can be reused.
    public func clear() {
        rocksdb_writebatch_clear(handle)
    }
}
