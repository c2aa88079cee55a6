import Synchronization
import TideCore
import TideExec
import TidePlan
import TideStore

/// Keeps the long-window tiles in step with the rows of their tables
/// (`OnlineTileMaintainer`): the store calls it with its writer lock held, for every write of
/// rows and every DELETE, and its tile updates go into the same RocksDB write. Tiles are kept
/// per `TileGroup` (a table's index and bucket size), shared by every deployment that reads
/// them; the maintainer knows each group's members (`TileNeed` per deployment), and a group
/// is rebuilt under a new generation when its members' needs change.
final class TileMaintainer: OnlineTileMaintainer {
    private let groups = Mutex<[UInt32: [TileGroup]]>([:])
    /// Per group, what each member deployment (`db.name.`) needs of it.
    private let members = Mutex<[TileGroupKey: [String: TileNeed]]>([:])
    /// The partials of recently written tiles, by tile key, so that a write updates a tile
    /// without reading it from RocksDB. Every change of a tile goes through the maintainer with
    /// the store's writer lock held, so the cache agrees with the store; a failed write, a
    /// rebuild or a dropped group empties it.
    private let cache = Mutex<[TileKey: TileContent]>([:])
    /// The newest tile of each key of row-count groups written recently, by the key's tile
    /// prefix (kept like `cache`).
    private let newestRowTiles = Mutex<[TileKey: (number: UInt64, content: TileContent)]>([:])
    static let cacheLimit = 250_000
    /// How many window computations of requests tiles served (tests and metrics).
    let servedRequests = Atomic<Int>(0)
    /// How many of those merged coarse tiles for the middle of their frame.
    let servedByCoarseTiles = Atomic<Int>(0)
    /// How many merged the tile of an edge bucket whose rows all lay in the frame.
    let servedWithEdgeTiles = Atomic<Int>(0)
    /// How many row-count tiles requests merged whole.
    let mergedRowTiles = Atomic<Int>(0)

    func maintains(tableID: UInt32) -> Bool { groups.withLock { !($0[tableID]?.isEmpty ?? true) } }

    func registered(tableID: UInt32) -> [TileGroup] { groups.withLock { $0[tableID] ?? [] } }

    /// The registered group of `key`, if any.
    func group(_ key: TileGroupKey) -> TileGroup? {
        groups.withLock { $0[key.tableID]?.first { $0.key == key } }
    }

    /// Registers `group` (replacing the group of its key). Call with the store's writes
    /// paused, right after its tiles were built.
    func register(_ group: TileGroup) {
        groups.withLock { groups in
            groups[group.key.tableID, default: []].removeAll { $0.key == group.key }
            groups[group.key.tableID, default: []].append(group)
        }
    }

    /// Forgets the group of `key` (its tiles are the caller's to drop).
    func unregister(_ key: TileGroupKey) {
        groups.withLock { $0[key.tableID]?.removeAll { $0.key == key } }
    }

    /// Records that `member` needs `need` of group `key` (replacing what it needed), or, with
    /// nil, that it needs nothing of it; returns what all members need now.
    func setMember(_ member: String, of key: TileGroupKey, need: TileNeed?) -> TileNeed {
        members.withLock { members in
            members[key, default: [:]][member] = need
            return members[key, default: [:]].values.reduce(into: TileNeed()) { $0.formUnion($1) }
        }
    }

    /// What all members of group `key` need.
    func need(of key: TileGroupKey) -> TileNeed {
        members.withLock { $0[key, default: [:]].values.reduce(into: TileNeed()) { $0.formUnion($1) } }
    }

    /// The groups `member` belongs to.
    func groups(of member: String) -> [TileGroupKey] {
        members.withLock { members in members.filter { $0.value[member] != nil }.map(\.key) }
    }

    func tiles(forStored values: [[Value]], firstSeq: UInt64, tableID: UInt32, store: OnlineStore) throws
        -> [([UInt8], [UInt8]?)]
    {
        let registered = registered(tableID: tableID)
        var entries: [([UInt8], [UInt8]?)] = []
        // Groups over the same key, TS and bucket group the rows once.
        var groupings: [TileRowGroups.Shape: TileRowGroups] = [:]
        for group in registered {
            if group.rowsPerTile != nil {
                let shape = group.keyShape
                let rowGroups = try groupings[shape] ?? TileRowGroups(values, shape: shape)
                groupings[shape] = rowGroups
                try appendRows(
                    values, groupedBy: rowGroups, firstSeq: firstSeq, to: group, store: store, entries: &entries)
                continue
            }
            let shape = group.shape(group.fine)
            let rowGroups = try groupings[shape] ?? TileRowGroups(values, shape: shape)
            groupings[shape] = rowGroups
            let fine = try group.fold(rowGroups, of: values, at: group.fine)
            try add(fine, to: group, store: store, entries: &entries)
            for coarse in group.coarseLevels {
                try add(group.regroup(fine, into: coarse), to: group, store: store, entries: &entries)
            }
        }
        // In key order, as the index entries are: the memtable inserts each next to the last.
        return entries.sorted { $0.0.lexicographicallyPrecedes($1.0) }
    }

    /// Adds the rows of a write (grouped by key) to the newest tiles of their keys in
    /// row-count `group` (cached, or read from the store), appending the changed tiles to `entries`.
    private func appendRows(
        _ values: [[Value]], groupedBy rowGroups: TileRowGroups, firstSeq: UInt64, to group: TileGroup,
        store: OnlineStore, entries: inout [([UInt8], [UInt8]?)]
    ) throws {
        try newestRowTiles.withLock { newest in
            if newest.count + rowGroups.groups.count > Self.cacheLimit { newest.removeAll(keepingCapacity: true) }
            for rowGroup in rowGroups.groups {
                let keyPrefix = group.fine.prefix + rowGroup.suffix
                let cached = newest[TileKey(keyPrefix)]
                let open =
                    try cached
                    ?? store.newestRowTile(keyPrefix: keyPrefix).map {
                        (number: $0.number, content: try group.decode($0.value))
                    }
                let changed = try group.appendRows(
                    values, positions: rowGroup.rows, seq: { firstSeq &+ UInt64($0) }, open: open)
                newest[TileKey(keyPrefix)] = changed.last
                for (number, content) in changed {
                    entries.append((OnlineStore.rowTileKey(keyPrefix, number: number), group.encode(content)))
                }
            }
        }
    }

    /// Adds the partials `folded` to `group`'s tiles with their keys (cached, or read from the
    /// store), appending the tiles' new bytes to `entries`.
    private func add(
        _ folded: [TileKey: TileContent], to group: TileGroup, store: OnlineStore,
        entries: inout [([UInt8], [UInt8]?)]
    ) throws {
        try cache.withLock { cache in
            if cache.count + folded.count > Self.cacheLimit { cache.removeAll(keepingCapacity: true) }
            for (key, added) in folded {
                var content =
                    try cache[key] ?? store.tile(key.bytes).map(group.decode) ?? TileContent(slots: group.slots.count)
                content.merge(added)
                cache[key] = content
                entries.append((key.bytes, group.encode(content)))
            }
        }
    }

    func tiles(forRemoved rows: [StoredRow], tableID: UInt32, store: OnlineStore) throws -> [([UInt8], [UInt8]?)] {
        var entries: [([UInt8], [UInt8]?)] = []
        let removed = Set(rows.map(\.seq))
        for group in registered(tableID: tableID) {
            if group.rowsPerTile != nil {
                newestRowTiles.withLock { $0.removeAll() }
                var byKey: [TileKey: (key: [Value], rows: [StoredRow])] = [:]
                for row in rows {
                    var prefix = group.fine.prefix
                    let key = group.keyPositions.map { row.values[$0] }
                    try OnlineStore.appendTileKeyFields(key, types: group.keyTypes, to: &prefix)
                    byKey[TileKey(prefix), default: (key, [])].rows.append(row)
                }
                for (prefix, removedRows) in byKey {
                    entries += try group.rowTilesAfterRemoving(
                        removedRows.rows, keyPrefix: prefix.bytes, keyValues: removedRows.key, tableID: tableID,
                        store: store)
                }
                continue
            }
            for level in group.levels {
                // Each tile a removed row was in is recomputed from the rows that stay.
                var affected: [TileKey: (key: [Value], bucket: Int64)] = [:]
                for row in rows {
                    guard let (tileKey, bucket) = try group.tile(of: row.values, at: level) else { continue }
                    affected[tileKey] = (group.keyPositions.map { row.values[$0] }, bucket)
                }
                for (tileKey, tile) in affected {
                    let stored = try store.rows(
                        tableID: tableID, table: group.table, index: group.indexName, key: tile.key,
                        from: tile.bucket, to: tile.bucket &+ level.bucketMs &- 1, limit: nil)
                    let kept = stored.filter { !removed.contains($0.seq) }.map(\.values)
                    if let content = try group.fold(kept, at: level)[tileKey] {
                        cache.withLock { $0[tileKey] = content }
                        entries.append((tileKey.bytes, group.encode(content)))
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
    func forgetCachedTiles() {
        cache.withLock { $0.removeAll() }
        newestRowTiles.withLock { $0.removeAll() }
    }

    func writeFailed(tableID: UInt32) { forgetCachedTiles() }

    func rebuild(tableID: UInt32, store: OnlineStore) throws {
        for group in registered(tableID: tableID) { try build(group, store: store) }
    }

    /// Builds `group`'s tiles from `source`'s (registered now, holding every slot and level of
    /// `group`) by copying the slots `group` keeps, and marks them ready: what dropping a
    /// member costs, in proportion to the tiles rather than to the rows. Call with the store's
    /// writes paused.
    func project(_ source: TileGroup, into group: TileGroup, store: OnlineStore) throws {
        forgetCachedTiles()
        let levels = try zip(source.levels, group.levels).map { from, to in
            (
                to.name,
                try store.allTiles(tableID: source.key.tableID, name: from.name).map { suffix, value in
                    (to.prefix + suffix, try group.projected(value, from: source))
                },
                to.name == group.fine.name ? group.layout : []
            )
        }
        try store.writeTileSets(tableID: group.key.tableID, levels)
    }

    /// Builds `group`'s tiles from every stored row of its table and marks them ready. Call
    /// with the store's writes paused.
    func build(_ group: TileGroup, store: OnlineStore) throws {
        forgetCachedTiles()
        if group.rowsPerTile != nil {
            let tiles = try group.foldRowTiles(try group.storedRows(store))
            try store.writeTileSets(tableID: group.key.tableID, [(group.fine.name, tiles, group.layout)])
            return
        }
        let rows = try group.storedRows(store).map(\.values)
        try store.writeTileSets(
            tableID: group.key.tableID,
            try group.foldLevels(rows).map { level, tiles in
                (
                    level.name, tiles.map { ($0.key.bytes, group.encode($0.value)) },
                    level.name == group.fine.name ? group.layout : []
                )
            })
    }
}
