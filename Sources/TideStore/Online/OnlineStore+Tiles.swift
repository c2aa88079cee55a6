import Synchronization
import TideCore

/// What keeps a table's long-window tiles right as its rows change: `tiles(forStored:)` is
/// called for every write of rows (INSERT, LOAD DATA, Kafka, HTTP) with the writer lock held,
/// and its entries go into the same RocksDB write as the rows; `tiles(forRemoved:)` likewise
/// for DELETE; `rebuild(tableID:)` after a load was replaced or rolled back. TideDB implements
/// it (it evaluates the aggregates' arguments); the store only calls it.
public protocol OnlineTileMaintainer: Sendable {
    /// Whether table `tableID` has tiles at all (nothing else is asked otherwise).
    func maintains(tableID: UInt32) -> Bool
    /// Tile entries (key, new value; nil deletes) for rows about to be stored (their values,
    /// checked against the table's types as they are stored) with seqs `firstSeq`, `firstSeq + 1`, ...
    func tiles(forStored rows: [[Value]], firstSeq: UInt64, tableID: UInt32, store: OnlineStore) throws
        -> [([UInt8], [UInt8]?)]
    /// Tile entries for rows about to be deleted.
    func tiles(forRemoved rows: [StoredRow], tableID: UInt32, store: OnlineStore) throws -> [([UInt8], [UInt8]?)]
    /// The write that carried tile entries failed: nothing of it is stored.
    func writeFailed(tableID: UInt32)
    /// Recomputes every tile of table `tableID` from its stored rows and writes them.
    func rebuild(tableID: UInt32, store: OnlineStore) throws
}

/// The tile key spaces (`OnlineKeySpace` lists the others):
///
///     tile       ┌──────┬──────────┬──────────┬──────────┬───────────────┬──────────────┐
///                │ 0x08 │ table id │ name len │ set name │ key fields …  │ bucket start │ → partials
///                │  1 B │ u32 BE   │ u32 BE   │ UTF-8    │ (IndexKey)    │ i64 ordered  │
///                └──────┴──────────┴──────────┴──────────┴───────────────┴──────────────┘
///     row tile   ┌──────┬──────────┬──────────┬──────────┬───────────────┬──────────────┐
///                │ 0x08 │ table id │ name len │ set name │ key fields …  │ ~tile number │ → header, partials
///                │  1 B │ u32 BE   │ u32 BE   │ UTF-8    │ (IndexKey)    │ u64 BE       │
///                └──────┴──────────┴──────────┴──────────┴───────────────┴──────────────┘
///     ready      ┌──────┬──────────┬──────────┬──────────┐
///                │ 0x09 │ table id │ name len │ set name │ → layout: the set's tiles are complete
///                └──────┴──────────┴──────────┴──────────┘
///
/// A set's tiles are used only while its ready marker exists; building writes the marker in
/// the last write, dropping removes it first.
extension OnlineStore {
    static let tileNamespace: UInt8 = 0x08
    static let tileReadyNamespace: UInt8 = 0x09

    /// Installs the tile maintainer (once, when the data directory opens).
    public func install(tileMaintainer: any OnlineTileMaintainer) {
        maintainer.withLock { $0 = tileMaintainer }
    }

    var tileMaintainer: (any OnlineTileMaintainer)? { maintainer.withLock { $0 } }

    /// Runs `body` with the writer lock held: no row is written meanwhile (building a tile set).
    public func withWritesPaused<T>(_ body: () throws -> T) throws -> T {
        try writer.withLock { _ in try body() }
    }

    /// The prefix of every tile of set `name` of table `tableID`.
    public static func tileSetPrefix(tableID: UInt32, name: String) -> [UInt8] {
        var bytes: [UInt8] = [tileNamespace]
        bytes.appendBigEndian(tableID)
        let utf8 = Array(name.utf8)
        bytes.appendBigEndian(UInt32(truncatingIfNeeded: utf8.count))
        bytes += utf8
        return bytes
    }

    /// The prefix of the tiles of one key of a set (key values in the index's key order).
    public static func tileKeyPrefix(tableID: UInt32, name: String, key: [Value], types: [DataType]) throws
        -> [UInt8]
    {
        var bytes = tileSetPrefix(tableID: tableID, name: name)
        try IndexKey.appendKey(key, types: types, column: "key", to: &bytes)
        return bytes
    }

    /// Appends a key's fields and a bucket start to a set's prefix: a tile's key
    /// (`tileKeyPrefix` then `tileKey`, without the intermediate arrays).
    public static func appendTileKey(_ key: [Value], types: [DataType], bucketStart: Int64, to bytes: inout [UInt8])
        throws
    {
        try IndexKey.appendKey(key, types: types, column: "key", to: &bytes)
        bytes.appendBigEndian(UInt64(bitPattern: bucketStart) ^ (1 << 63))
    }

    /// Appends a key's fields to a set's prefix: the prefix of that key's tiles.
    public static func appendTileKeyFields(_ key: [Value], types: [DataType], to bytes: inout [UInt8]) throws {
        try IndexKey.appendKey(key, types: types, column: "key", to: &bytes)
    }

    /// The key of row-count tile `number` of a key (numbers count up from 0 as the key's
    /// rows arrive; stored inverted, so a key's newest tile comes first).
    public static func rowTileKey(_ keyPrefix: [UInt8], number: UInt64) -> [UInt8] {
        var bytes = keyPrefix
        bytes.appendBigEndian(~number)
        return bytes
    }

    /// The number of the row-count tile whose key is `key` (`keyPrefix` bytes, then the number).
    static func rowTileNumber(_ key: [UInt8], keyPrefix: Int) throws -> UInt64 {
        guard key.count == keyPrefix + 8 else { throw TideError.onlineEntryCorrupted("tile key") }
        var raw: UInt64 = 0
        for byte in key[keyPrefix...] { raw = raw << 8 | UInt64(byte) }
        return ~raw
    }

    /// The row-count tiles of one key, newest first.
    public func rowTiles(keyPrefix: [UInt8]) throws -> [(number: UInt64, value: [UInt8])] {
        let iterator = try database.makeIterator()
        iterator.seek(prefix: keyPrefix)
        var found: [(UInt64, [UInt8])] = []
        while iterator.isValid {
            found.append((try Self.rowTileNumber(iterator.key, keyPrefix: keyPrefix.count), iterator.value))
            iterator.next()
        }
        try iterator.checkError()
        return found
    }

    /// The newest row-count tile of one key, if it has any.
    public func newestRowTile(keyPrefix: [UInt8]) throws -> (number: UInt64, value: [UInt8])? {
        let iterator = try database.makeIterator()
        iterator.seek(prefix: keyPrefix)
        guard iterator.isValid else {
            try iterator.checkError()
            return nil
        }
        return (try Self.rowTileNumber(iterator.key, keyPrefix: keyPrefix.count), iterator.value)
    }

    /// The row-count tiles of one key of ready set `name`, newest first, each as `read` makes
    /// it from the stored bytes (lent, valid only during the call) until `read` returns nil,
    /// read with the set's ready marker from one consistent view; nil without the marker.
    public func readyRowTiles<T>(
        tableID: UInt32, name: String, keyPrefix: [UInt8], read: (Span<UInt8>) throws -> T?
    ) throws -> [T]? {
        try readyTileView(tableID: tableID, name: name)?.rowTiles(keyPrefix: keyPrefix, read: read)
    }

    /// The key of one tile: a key prefix and its bucket start.
    public static func tileKey(_ keyPrefix: [UInt8], bucketStart: Int64) -> [UInt8] {
        var bytes = keyPrefix
        bytes.appendBigEndian(UInt64(bitPattern: bucketStart) ^ (1 << 63))
        return bytes
    }

    /// The ready marker of a set.
    static func tileReadyKey(tableID: UInt32, name: String) -> [UInt8] {
        var key = tileSetPrefix(tableID: tableID, name: name)
        key[0] = tileReadyNamespace
        return key
    }

    /// One tile's stored partials.
    public func tile(_ key: [UInt8]) throws -> [UInt8]? { try database.get(key) }

    /// A consistent view of ready set `name` (its ready marker seen), for reading tile
    /// ranges level by level; nil when the marker is missing (the set is being replaced or dropped).
    public func readyTileView(tableID: UInt32, name: String) throws -> ReadyTileView? {
        let iterator = try database.makeIterator()
        let marker = Self.tileReadyKey(tableID: tableID, name: name)
        iterator.seek(to: marker, within: marker)
        guard iterator.isValid, iterator.withKey({ $0.elementsEqual(marker) }) else {
            try iterator.checkError()
            return nil
        }
        return ReadyTileView(iterator: iterator)
    }

    /// Tiles of a ready set read through one RocksDB iterator (one view of the store).
    public struct ReadyTileView {
        fileprivate let iterator: RocksIterator

        /// The tiles of one key (`keyPrefix`) with bucket starts in `[first, last]`, oldest first.
        public func tiles(keyPrefix: [UInt8], first: Int64, last: Int64) throws
            -> [(bucketStart: Int64, value: [UInt8])]
        {
            try OnlineStore.tiles(in: iterator, keyPrefix: keyPrefix, first: first, last: last)
        }

        /// The row-count tiles of one key, newest first, each as `read` makes it from the
        /// stored bytes (lent, valid only during the call) until `read` returns nil.
        public func rowTiles<T>(keyPrefix: [UInt8], read: (Span<UInt8>) throws -> T?) throws -> [T] {
            iterator.seek(prefix: keyPrefix)
            var found: [T] = []
            while iterator.isValid {
                guard let tile = try iterator.withValueBytes(read) else { break }
                found.append(tile)
                iterator.next()
            }
            try iterator.checkError()
            return found
        }
    }

    /// The tiles of one key with bucket starts in `[first, last]`, oldest first.
    fileprivate static func tiles(in iterator: RocksIterator, keyPrefix: [UInt8], first: Int64, last: Int64) throws
        -> [(bucketStart: Int64, value: [UInt8])]
    {
        guard first <= last else { return [] }
        iterator.seek(to: Self.tileKey(keyPrefix, bucketStart: first), within: keyPrefix)
        var found: [(Int64, [UInt8])] = []
        while iterator.isValid {
            let key = iterator.key
            guard key.count == keyPrefix.count + 8 else { throw TideError.onlineEntryCorrupted("tile key") }
            var raw: UInt64 = 0
            for byte in key[keyPrefix.count...] { raw = raw << 8 | UInt64(byte) }
            let start = Int64(bitPattern: raw ^ (1 << 63))
            if start > last { break }
            found.append((start, iterator.value))
            iterator.next()
        }
        try iterator.checkError()
        return found
    }

    /// Every tile of set `name` of table `tableID`: its key after the set's prefix, and its value.
    public func allTiles(tableID: UInt32, name: String) throws -> [(suffix: [UInt8], value: [UInt8])] {
        let prefix = Self.tileSetPrefix(tableID: tableID, name: name)
        let iterator = try database.makeIterator()
        iterator.seek(prefix: prefix)
        var found: [([UInt8], [UInt8])] = []
        while iterator.isValid {
            found.append((Array(iterator.key[prefix.count...]), iterator.value))
            iterator.next()
        }
        try iterator.checkError()
        return found
    }

    /// Every tile set of table `tableID` that has a ready marker: its name and the marker's
    /// value (what the set's builder wrote there: its layout).
    public func tileSetMarkers(tableID: UInt32) throws -> [(name: String, marker: [UInt8])] {
        var prefix: [UInt8] = [Self.tileReadyNamespace]
        prefix.appendBigEndian(tableID)
        let iterator = try database.makeIterator()
        iterator.seek(prefix: prefix)
        var found: [(String, [UInt8])] = []
        while iterator.isValid {
            let key = iterator.key
            guard key.count >= prefix.count + 4 else { throw TideError.onlineEntryCorrupted("tile ready marker") }
            found.append((String(decoding: key[(prefix.count + 4)...], as: UTF8.self), iterator.value))
            iterator.next()
        }
        try iterator.checkError()
        return found
    }

    /// Replaces every tile of each set in `sets` (a tile set and its coarser levels) by its
    /// `tiles` and marks them all ready (the marker holding `marker`), in one write.
    public func writeTileSets(
        tableID: UInt32, _ sets: [(name: String, tiles: [([UInt8], [UInt8])], marker: [UInt8])]
    ) throws {
        let batch = try RocksWriteBatch()
        for set in sets {
            Self.deletePrefix(Self.tileSetPrefix(tableID: tableID, name: set.name), in: batch)
            for (key, value) in set.tiles.sorted(by: { $0.0.lexicographicallyPrecedes($1.0) }) {
                batch.put(key, value)
            }
            batch.put(Self.tileReadyKey(tableID: tableID, name: set.name), set.marker)
        }
        try database.write(batch, sync: true)
    }

    /// Removes the sets `names`: their ready markers and every tile, in one write.
    public func dropTileSets(tableID: UInt32, names: [String]) throws {
        let batch = try RocksWriteBatch()
        for name in names {
            batch.delete(Self.tileReadyKey(tableID: tableID, name: name))
            Self.deletePrefix(Self.tileSetPrefix(tableID: tableID, name: name), in: batch)
        }
        try database.write(batch, sync: true)
    }

    /// Removes every tile set of table `tableID` into `batch` (TRUNCATE, DROP TABLE).
    static func deleteTiles(tableID: UInt32, in batch: RocksWriteBatch) {
        for namespace in [tileNamespace, tileReadyNamespace] {
            var prefix: [UInt8] = [namespace]
            prefix.appendBigEndian(tableID)
            deletePrefix(prefix, in: batch)
        }
    }

    /// Rebuilds table `tableID`'s tiles after rows left outside DELETE (a replaced or rolled
    /// back load). Called with the writer lock held.
    func rebuildTiles(tableID: UInt32) throws {
        guard let maintainer = tileMaintainer, maintainer.maintains(tableID: tableID) else { return }
        try maintainer.rebuild(tableID: tableID, store: self)
    }

    /// The index TS at or below which `index`'s TTL has expired every row now, whatever its
    /// rank (nil: time alone expires nothing): what reads of the index skip (`ExpiryRule`).
    public func expiryCutoff(of index: IndexDef) -> Int64? {
        ExpiryRule(index.ttl, hasTS: index.tsColumn != nil, now: clock()).timeCutoff
    }
}
