import Synchronization
import TideCore
import TideExec
import TidePlan
import TideStore

/// Keeps the long-window tiles of every deployment in step with the rows of their tables
/// (`OnlineTileMaintainer`): the store calls it with its writer lock held, for every write of
/// rows and every DELETE, and its tile updates go into the same RocksDB write. Sets are
/// registered by DEPLOY (which builds them from the stored rows first) and when the data
/// directory opens, and removed by DROP DEPLOYMENT.
final class TileMaintainer: OnlineTileMaintainer {
    /// One registered set, with what folding a row into it needs.
    struct Registered: Sendable {
        let set: TileSet
        let tableID: UInt32
        let keyTypes: [DataType]
        let aggregates: [TileAggregate]
        let arguments: [[Argument]]
        /// The set's own tiles (one bucket each), then, for long frames over aggregates whose
        /// tiles keep values, coarse tiles of `coarseFactor` buckets each: a request merges
        /// the coarse tiles inside its frame and the fine ones only at the frame's edges.
        let levels: [Level]

        /// One level of tiles: its name in the store, bucket size and key prefix.
        struct Level: Sendable {
            let name: String
            let bucketMs: Int64
            /// `OnlineStore.tileSetPrefix` of the level.
            let prefix: [UInt8]
        }

        /// Buckets per coarse tile (hours into days).
        static let coarseFactor: Int64 = 24
        /// A frame spanning fewer coarse tiles than this gets no coarse level.
        static let coarseTilesPerFrame: Int64 = 4

        /// The finer level: the set's own buckets.
        var fine: Level { levels[0] }
        /// The coarse level, if the set has one.
        var coarse: Level? { levels.count > 1 ? levels[1] : nil }
        var levelNames: [String] { levels.map(\.name) }

        /// An argument read straight from a column, or computed.
        enum Argument: Sendable {
            case column(Int)
            case computed(RowEvaluator)

            func value(_ row: [Value]) throws -> Value {
                switch self {
                case .column(let i): return i < row.count ? row[i] : .null
                case .computed(let evaluator): return try evaluator.evaluate(row)
                }
            }
        }

        init(_ set: TileSet, tableID: UInt32) throws {
            self.set = set
            self.tableID = tableID
            keyTypes = set.keyPositions.map { set.table.columns[$0].type }
            aggregates = try set.calls.map { call in
                guard let aggregate = TileAggregate(call.signature) else {
                    throw TideError.internal("\(call.signature.name) has no tile form")
                }
                return aggregate
            }
            arguments = try set.calls.map { call in
                try call.arguments.map { argument in
                    if case .column(let reference) = argument { return .column(reference.index) }
                    return .computed(try RowEvaluator(argument, context: FunctionContext()))
                }
            }
            var levels = [Level(set.name, bucketMs: set.bucketMs, tableID: tableID)]
            let coarseMs = set.bucketMs.multipliedReportingOverflow(by: Self.coarseFactor)
            if aggregates.contains(where: \.keepsValues), !coarseMs.overflow,
                let start = set.window.frame.start, set.window.frame.end >= start,
                (set.window.frame.end - start) / coarseMs.partialValue >= Self.coarseTilesPerFrame
            {
                levels.append(Level(set.name + "\u{1F}coarse", bucketMs: coarseMs.partialValue, tableID: tableID))
            }
            self.levels = levels
        }

        /// The tile of `row` at `level`: its key and bucket start (nil: a row without TS).
        func tile(of row: [Value], at level: Level) throws -> (key: TileKey, bucket: Int64)? {
            guard let ts = row[set.tsPosition].int64Value else { return nil }
            let bucket = TileBuckets.start(of: ts, size: level.bucketMs)
            var key = level.prefix
            try OnlineStore.appendTileKey(
                set.keyPositions.map { row[$0] }, types: keyTypes, bucketStart: bucket, to: &key)
            return (TileKey(key), bucket)
        }

        /// Every level's tiles of `rows`: the fine ones folded, the coarse ones merged from them.
        func foldLevels(_ rows: [[Value]]) throws -> [(level: Level, tiles: [TileKey: [TilePartial]])] {
            let fine = try fold(rows, at: fine)
            return [(self.fine, fine)] + (coarse.map { [($0, regroup(fine, into: $0))] } ?? [])
        }

        /// What groups rows into this set's tiles at `level`.
        func shape(_ level: Level) -> TileRowGroups.Shape {
            TileRowGroups.Shape(
                keyPositions: set.keyPositions, keyTypes: keyTypes, tsPosition: set.tsPosition,
                bucketMs: level.bucketMs)
        }

        /// Partials of every call from `rows`, by tile key of `level`.
        func fold(_ rows: [[Value]], at level: Level) throws -> [TileKey: [TilePartial]] {
            try fold(TileRowGroups(rows, shape: shape(level)), of: rows, at: level)
        }

        /// Partials of every call from `rows` grouped by `groups` (of `shape(level)`), by tile key.
        func fold(_ groups: TileRowGroups, of rows: [[Value]], at level: Level) throws -> [TileKey: [TilePartial]] {
            var tiles: [TileKey: [TilePartial]] = [:]
            tiles.reserveCapacity(groups.groups.count)
            var values: [Value] = []
            for group in groups.groups {
                var partials = Array(repeating: TilePartial(), count: aggregates.count)
                for position in group.rows {
                    let row = rows[position]
                    for i in aggregates.indices {
                        values.removeAll(keepingCapacity: true)
                        for argument in arguments[i] { values.append(try argument.value(row)) }
                        aggregates[i].add(values, to: &partials[i])
                    }
                }
                tiles[TileKey(level.prefix + group.suffix)] = partials
            }
            return tiles
        }

        /// Tiles of the fine level merged into the tiles of `level` that hold them: a fine
        /// tile's key is the level's prefix, the key fields and the bucket start (8 bytes).
        func regroup(_ folded: [TileKey: [TilePartial]], into level: Level) -> [TileKey: [TilePartial]] {
            var tiles: [TileKey: [TilePartial]] = [:]
            for (key, partials) in folded {
                let bytes = key.bytes
                let fieldsEnd = bytes.count - 8
                var raw: UInt64 = 0
                for byte in bytes[fieldsEnd...] { raw = raw << 8 | UInt64(byte) }
                let start = TileBuckets.start(of: Int64(bitPattern: raw ^ (1 << 63)), size: level.bucketMs)
                let coarse = TileKey(
                    OnlineStore.tileKey(level.prefix + bytes[fine.prefix.count..<fieldsEnd], bucketStart: start))
                if var merged = tiles[coarse] {
                    for i in merged.indices { merged[i].merge(partials[i]) }
                    tiles[coarse] = merged
                } else {
                    tiles[coarse] = partials
                }
            }
            return tiles
        }

        func encode(_ partials: [TilePartial]) -> [UInt8] {
            var bytes: [UInt8] = []
            for partial in partials { partial.encoded(into: &bytes) }
            return bytes
        }

        func decode(_ bytes: [UInt8]) throws -> [TilePartial] {
            var offset = 0
            return try aggregates.map { _ in try TilePartial.decoded(bytes, at: &offset) }
        }

        /// Merges the tile `bytes` into `partials` (one per aggregate) as it decodes them.
        func merge(_ bytes: [UInt8], into partials: inout [TilePartial]) throws {
            var offset = 0
            for i in partials.indices { try partials[i].mergeDecoded(bytes, at: &offset) }
        }
    }

    private let sets = Mutex<[UInt32: [Registered]]>([:])
    /// The partials of recently written tiles, by tile key, so that a write updates a tile
    /// without reading it from RocksDB. Every change of a tile goes through the maintainer with
    /// the store's writer lock held, so the cache agrees with the store; a failed write, a
    /// rebuild or a dropped set empties it.
    private let cache = Mutex<[TileKey: [TilePartial]]>([:])
    static let cacheLimit = 250_000
    /// How many window computations of requests tiles served (tests and metrics).
    let servedRequests = Atomic<Int>(0)
    /// How many of those merged coarse tiles for the middle of their frame.
    let servedByCoarseTiles = Atomic<Int>(0)

    func maintains(tableID: UInt32) -> Bool { sets.withLock { !($0[tableID]?.isEmpty ?? true) } }

    func registered(tableID: UInt32) -> [Registered] { sets.withLock { $0[tableID] ?? [] } }

    /// Registers `set` (replacing one of the same name). Call with the store's writes paused,
    /// right after its tiles were built.
    func register(_ registered: Registered) {
        sets.withLock { sets in
            sets[registered.tableID, default: []].removeAll { $0.set.name == registered.set.name }
            sets[registered.tableID, default: []].append(registered)
        }
    }

    /// Forgets every set whose name starts with `prefix` (a deployment's `db.name.`).
    func unregister(prefix: String) -> [Registered] {
        sets.withLock { sets in
            var removed: [Registered] = []
            for (table, list) in sets {
                removed += list.filter { $0.set.name.hasPrefix(prefix) }
                sets[table] = list.filter { !$0.set.name.hasPrefix(prefix) }
            }
            return removed
        }
    }

    func tiles(forStored rows: [(encoded: [UInt8], seq: UInt64)], tableID: UInt32, store: OnlineStore) throws
        -> [([UInt8], [UInt8]?)]
    {
        let registered = registered(tableID: tableID)
        guard let table = registered.first?.set.table else { return [] }
        let values = try rows.map { try OnlineStore.decodeRow($0.encoded, table: table) }
        var entries: [([UInt8], [UInt8]?)] = []
        // Sets over the same key, TS and bucket group the rows once.
        var groupings: [TileRowGroups.Shape: TileRowGroups] = [:]
        for set in registered {
            let shape = set.shape(set.fine)
            let groups = try groupings[shape] ?? TileRowGroups(values, shape: shape)
            groupings[shape] = groups
            let fine = try set.fold(groups, of: values, at: set.fine)
            try add(fine, to: set, store: store, entries: &entries)
            if let coarse = set.coarse {
                try add(set.regroup(fine, into: coarse), to: set, store: store, entries: &entries)
            }
        }
        // In key order, as the index entries are: the memtable inserts each next to the last.
        return entries.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }

    /// Adds the partials `folded` to `set`'s tiles with their keys (cached, or read from the
    /// store), appending the tiles' new bytes to `entries`.
    private func add(
        _ folded: [TileKey: [TilePartial]], to set: Registered, store: OnlineStore,
        entries: inout [([UInt8], [UInt8]?)]
    ) throws {
        try cache.withLock { cache in
            if cache.count + folded.count > Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            for (key, added) in folded {
                var partials =
                    try cache[key] ?? store.tile(key.bytes).map(set.decode)
                    ?? Array(repeating: TilePartial(), count: added.count)
                for i in partials.indices { partials[i].merge(added[i]) }
                cache[key] = partials
                entries.append((key.bytes, set.encode(partials)))
            }
        }
    }

    func tiles(forRemoved rows: [StoredRow], tableID: UInt32, store: OnlineStore) throws -> [([UInt8], [UInt8]?)] {
        var entries: [([UInt8], [UInt8]?)] = []
        let removed = Set(rows.map(\.seq))
        for set in registered(tableID: tableID) {
            for level in set.levels {
                // Each tile a removed row was in is recomputed from the rows that stay.
                var affected: [TileKey: (key: [Value], bucket: Int64)] = [:]
                for row in rows {
                    guard let (tileKey, bucket) = try set.tile(of: row.values, at: level) else { continue }
                    affected[tileKey] = (set.set.keyPositions.map { row.values[$0] }, bucket)
                }
                for (tileKey, tile) in affected {
                    let stored = try store.rows(
                        tableID: tableID, table: set.set.table, index: set.set.indexName, key: tile.key,
                        from: tile.bucket,
                        to: tile.bucket &+ level.bucketMs &- 1, limit: nil)
                    let kept = stored.filter { !removed.contains($0.seq) }.map(\.values)
                    if let partials = try set.fold(kept, at: level)[tileKey] {
                        cache.withLock { $0[tileKey] = partials }
                        entries.append((tileKey.bytes, set.encode(partials)))
                    } else {
                        cache.withLock { _ = $0.removeValue(forKey: tileKey) }
                        entries.append((tileKey.bytes, nil))
                    }
                }
            }
        }
        return entries
    }

    /// Forgets every cached tile (a write failed, or tiles were rebuilt or dropped).
    func forgetCachedTiles() { cache.withLock { $0.removeAll() } }

    func writeFailed(tableID: UInt32) { forgetCachedTiles() }

    func rebuild(tableID: UInt32, store: OnlineStore) throws {
        for set in registered(tableID: tableID) { try build(set, store: store) }
    }

    /// Builds `set`'s tiles from every stored row of its table and marks them ready. Call
    /// with the store's writes paused.
    func build(_ set: Registered, store: OnlineStore) throws {
        forgetCachedTiles()
        let rows = try store.allRows(table: set.set.table).map(\.values)
        try store.writeTileSets(
            tableID: set.tableID,
            try set.foldLevels(rows).map { level, tiles in
                (level.name, tiles.map { ($0.key.bytes, set.encode($0.value)) })
            })
    }
}

/// A tile's key, hashed as one block of bytes (an array of bytes hashes byte by byte).
struct TileKey: Hashable, Sendable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) { bytes.withUnsafeBytes { hasher.combine(bytes: $0) } }
}

extension TileMaintainer.Registered.Level {
    init(_ name: String, bucketMs: Int64, tableID: UInt32) {
        self.init(name: name, bucketMs: bucketMs, prefix: OnlineStore.tileSetPrefix(tableID: tableID, name: name))
    }
}
