import CRocksDB
import TideCore

/// An open RocksDB database. The only owner of a `rocksdb_t` handle; closed in `deinit`.
///
/// RocksDB's handle is thread-safe for reads and writes, hence `@unchecked Sendable`.
public final class RocksDatabase: @unchecked Sendable {
    private let handle: OpaquePointer
    private let options: OpaquePointer
    private let writeOptions: OpaquePointer
    private let readOptions: OpaquePointer

    /// Opens (creating if missing) the database in directory `path`.
    public init(path: String) throws {
        guard let options = rocksdb_options_create() else { throw TideError.internal("rocksdb_options_create failed") }
        rocksdb_options_set_create_if_missing(options, 1)
        var error: UnsafeMutablePointer<CChar>?
        let handle = rocksdb_open(options, path, &error)
        if let error {
            defer { rocksdb_free(error) }
            rocksdb_options_destroy(options)
            throw TideError(.ioError, "cannot open RocksDB at \(path): \(String(cString: error))")
        }
        guard let handle, let writeOptions = rocksdb_writeoptions_create(),
            let readOptions = rocksdb_readoptions_create()
        else {
            rocksdb_options_destroy(options)
            throw TideError.internal("rocksdb_open returned no handle")
        }
        self.handle = handle
        self.options = options
        self.writeOptions = writeOptions
        self.readOptions = readOptions
    }

    deinit {
        rocksdb_close(handle)
        rocksdb_writeoptions_destroy(writeOptions)
        rocksdb_readoptions_destroy(readOptions)
        rocksdb_options_destroy(options)
    }

    /// Writes `value` under `key`.
    public func put(_ key: [UInt8], _ value: [UInt8]) throws {
        var error: UnsafeMutablePointer<CChar>?
        key.withUnsafeBufferPointer { k in
            value.withUnsafeBufferPointer { v in
                k.withMemoryRebound(to: CChar.self) { kc in
                    v.withMemoryRebound(to: CChar.self) { vc in
                        rocksdb_put(handle, writeOptions, kc.baseAddress, kc.count, vc.baseAddress, vc.count, &error)
                    }
                }
            }
        }
        if let error {
            defer { rocksdb_free(error) }
            throw TideError(.ioError, "RocksDB write failed: \(String(cString: error))")
        }
    }

    /// The value stored under `key`, or nil.
    public func get(_ key: [UInt8]) throws -> [UInt8]? {
        var error: UnsafeMutablePointer<CChar>?
        var length = 0
        let value = key.withUnsafeBufferPointer { k in
            k.withMemoryRebound(to: CChar.self) { kc in
                rocksdb_get(handle, readOptions, kc.baseAddress, kc.count, &length, &error)
            }
        }
        if let error {
            defer { rocksdb_free(error) }
            throw TideError(.ioError, "RocksDB read failed: \(String(cString: error))")
        }
        guard let value else { return nil }
        defer { rocksdb_free(value) }
        return value.withMemoryRebound(to: UInt8.self, capacity: length) {
            Array(UnsafeBufferPointer(start: $0, count: length))
        }
    }
}
