import CRocksDB
import Glibc
import TideCore

/// A forward cursor over the keys of a `RocksDatabase`, in byte order.
///
/// The iterator reads a consistent snapshot taken when it was created: writes made later
/// (even atomic batches) are invisible to it. It keeps its database open while it lives,
/// and owns its `rocksdb_iterator_t` and read options, freed in `deinit`.
///
/// Typical use:
///
///     let it = try db.makeIterator()
///     it.seek(prefix: p)
///     while it.isValid { use(it.key, it.value); it.next() }
///     try it.checkError()
///
/// Not `Sendable`: a RocksDB iterator must not be used from two threads at once.
public final class RocksIterator {
    private let handle: OpaquePointer
    private let readOptions: OpaquePointer
    /// Keeps the `rocksdb_t` alive for as long as the iterator reads from it.
    private let database: RocksDatabase
    /// When non-empty, the iterator becomes invalid at the first key without this prefix.
    private var prefix: [UInt8] = []
    /// Whether keys must be compared with `prefix` (not when the upper bound already stops
    /// the iterator at the prefix's end).
    private var checksPrefix = false
    /// RocksDB's validity after the last seek or step (asked once, not before every access).
    private var valid = false
    /// The bytes of the read options' upper bound, which RocksDB reads in place: owned here.
    private let upperBound: UnsafeMutableRawBufferPointer?
    /// The prefix whose keys end just below `upperBound` (`withinPrefix`).
    private let boundedPrefix: [UInt8]?
    /// The snapshot the iterator reads, kept until the iterator is gone.
    private let snapshot: RocksSnapshot?

    /// An iterator over every key, or with `withinPrefix`, over the keys starting with it
    /// only: RocksDB then stops at the prefix's end by itself (an upper bound), instead of the
    /// iterator comparing each key with the prefix.
    /// With `snapshot`, it reads the database as the snapshot holds it instead of as it is now.
    init(
        database: RocksDatabase, databaseHandle: OpaquePointer, withinPrefix: [UInt8]? = nil,
        snapshot: RocksSnapshot? = nil
    ) throws {
        guard let readOptions = rocksdb_readoptions_create() else {
            throw TideError.internal("rocksdb_readoptions_create failed")
        }
        if let snapshot { rocksdb_readoptions_set_snapshot(readOptions, snapshot.handle) }
        // Keys and values stay where RocksDB holds them while the iterator lives: the iterator
        // does not copy each memtable key it passes.
        rocksdb_readoptions_set_pin_data(readOptions, 1)
        RocksPerfCounting.disableOnThisThread()
        var upperBound: UnsafeMutableRawBufferPointer?
        if let withinPrefix, let successor = OnlineKeySpace.prefixEnd(withinPrefix) {
            let bytes = UnsafeMutableRawBufferPointer.allocate(byteCount: successor.count, alignment: 1)
            bytes.copyBytes(from: successor)
            upperBound = bytes
            rocksdb_readoptions_set_iterate_upper_bound(
                readOptions, bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count)
        }
        guard let handle = rocksdb_create_iterator(databaseHandle, readOptions) else {
            rocksdb_readoptions_destroy(readOptions)
            upperBound?.deallocate()
            throw TideError.internal("rocksdb_create_iterator failed")
        }
        self.handle = handle
        self.readOptions = readOptions
        self.database = database
        self.upperBound = upperBound
        boundedPrefix = upperBound == nil ? nil : withinPrefix
        self.snapshot = snapshot
    }

    deinit {
        rocksdb_iter_destroy(handle)
        rocksdb_readoptions_destroy(readOptions)
        upperBound?.deallocate()
    }

    /// Records the prefix a seek stays within, and RocksDB's validity after it.
    private func seeked(within prefix: [UInt8]) {
        self.prefix = prefix
        checksPrefix = !prefix.isEmpty && prefix != boundedPrefix
        valid = rocksdb_iter_valid(handle) != 0
    }

    /// Positions at the first key that starts with `prefix`, and bounds the iteration to
    /// keys with that prefix: `isValid` turns false at the first key past it.
    public func seek(prefix: [UInt8]) {
        prefix.withCharBuffer { pointer, count in rocksdb_iter_seek(handle, pointer, count) }
        seeked(within: prefix)
    }

    /// Positions at the first key `>= target` and bounds the iteration to keys starting with
    /// `prefix` (usually a prefix of `target`): a seek into the middle of a prefix range.
    public func seek(to target: [UInt8], within prefix: [UInt8]) {
        target.withCharBuffer { pointer, count in rocksdb_iter_seek(handle, pointer, count) }
        seeked(within: prefix)
    }

    /// Positions at the first key `>= target`, without a prefix bound.
    public func seek(to target: [UInt8]) {
        target.withCharBuffer { pointer, count in rocksdb_iter_seek(handle, pointer, count) }
        seeked(within: [])
    }

    /// Positions at the first key of the database, without a prefix bound.
    public func seekToFirst() {
        rocksdb_iter_seek_to_first(handle)
        seeked(within: [])
    }

    /// True while the iterator is on a key (within the prefix given to `seek(prefix:)`).
    /// False at the end, and after an error (see `checkError()`).
    public var isValid: Bool {
        guard valid else { return false }
        guard checksPrefix else { return true }
        return withKey { key in
            guard key.count >= prefix.count, let keyBytes = key.baseAddress else { return false }
            return prefix.withUnsafeBytes { prefixBytes in
                guard let prefixStart = prefixBytes.baseAddress else { return true }
                return memcmp(prefixStart, keyBytes, prefixBytes.count) == 0
            }
        }
    }

    /// Moves to the next key. Requires `isValid`.
    public func next() {
        precondition(valid, "RocksIterator.next() called on an invalid iterator")
        rocksdb_iter_next(handle)
        valid = rocksdb_iter_valid(handle) != 0
    }

    /// A copy of the current key. Requires `isValid`.
    public var key: [UInt8] { withKey { Array($0) } }

    /// A copy of the current value. Requires `isValid`.
    public var value: [UInt8] { withValue { Array($0) } }

    /// Lends the current key without copying. The buffer is valid only inside `body`
    /// (RocksDB reuses it on the next move). Requires `isValid`.
    public func withKey<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        precondition(valid, "RocksIterator.key read on an invalid iterator")
        var length = 0
        let pointer = rocksdb_iter_key(handle, &length)
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : length))
    }

    /// Lends the current value without copying; the same rules as `withKey`.
    public func withValue<Result>(_ body: (UnsafeRawBufferPointer) throws -> Result) rethrows -> Result {
        precondition(valid, "RocksIterator.value read on an invalid iterator")
        var length = 0
        let pointer = rocksdb_iter_value(handle, &length)
        return try body(UnsafeRawBufferPointer(start: pointer, count: pointer == nil ? 0 : length))
    }

    /// Lends the current key as a `Span` (no copy, no pointer in the signature), for
    /// decoders outside this folder. The span is valid only inside `body`. Requires `isValid`.
    public func withKeyBytes<Result>(_ body: (Span<UInt8>) throws -> Result) rethrows -> Result {
        try withKey { buffer in try body(buffer.assumingMemoryBound(to: UInt8.self).span) }
    }

    /// Lends the current value as a `Span`; the same rules as `withKeyBytes`.
    public func withValueBytes<Result>(_ body: (Span<UInt8>) throws -> Result) rethrows -> Result {
        try withValue { buffer in try body(buffer.assumingMemoryBound(to: UInt8.self).span) }
    }

    /// Throws (`58030`) if the iteration stopped because of an error rather than at the end.
    /// Call it once the loop over `isValid` is done.
    public func checkError() throws {
        try RocksError.check("RocksDB iteration failed") { error in rocksdb_iter_get_error(handle, &error) }
    }
}
