import Synchronization
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideStore

/// A deployment's tiles in the online store, for its requests (`TileReader`): per long window,
/// the group serving it. The group is looked up per request (a
/// DEPLOY or DROP of another deployment may rebuild it under a new generation), and its tiles
/// are used while its ready marker exists.
struct StoredTileReader: TileReader {
    let store: OnlineStore
    let maintainer: TileMaintainer
    /// The deployment's sets by window, with their groups.
    let sets: [(set: TileSet, key: TileGroupKey)]

    /// The set serving `window` (whether it is ready is checked once, by `merged`).
    func tileSet(for window: WindowSpecification) -> TileSet? {
        sets.first(where: { $0.set.window == window })?.set
    }

    func merged(
        _ set: TileSet, slots: [TileSlot], key: [Value], low: Int64, high: Int64
    ) throws -> TileMerge? {
        guard let entry = sets.first(where: { $0.set.name == set.name && $0.set.window == set.window }),
            let group = maintainer.group(entry.key), set.bucketMs != nil
        else { return nil }
        let positions = slots.compactMap { group.slotPositions[$0] }
        guard positions.count == slots.count else { return nil }
        var wanted = Array(repeating: false, count: group.slots.count)
        for position in positions { wanted[position] = true }
        var partials = Array(repeating: TilePartial(), count: group.slots.count)
        var mergedEdge = false
        var usedCoarse = false
        // What of [low, high] no merged tile holds yet: the levels, coarsest first, each merge
        // their whole tiles inside it from the middle out (a coarse level only where it has
        // one), and a tile of a bucket at its ends when all its rows lie in the frame (the
        // current day of a live request); a bucket without a tile has no rows. What is left
        // after the finest level is a part of a bucket at either end of the frame: its rows
        // are the request's to read.
        var uncovered = [(low, high)]
        guard let view = try store.readyTileView(tableID: group.key.tableID, name: group.fine.name) else { return nil }
        for level in group.levels.reversed() {
            let size = level.bucketMs
            let isFine = level.name == group.fine.name
            let keyPrefix = try OnlineStore.tileKeyPrefix(
                tableID: group.key.tableID, name: level.name, key: key, types: group.keyTypes)
            var reading: [(low: Int64, high: Int64)] = []
            var kept: [(Int64, Int64)] = []
            for interval in uncovered {
                let whole =
                    TileBuckets.firstStart(atOrAfter: interval.0, size: size)
                    <= TileBuckets.start(of: interval.1 &+ 1, size: size) &- size
                if isFine || whole { reading.append(interval) } else { kept.append(interval) }
            }
            guard !reading.isEmpty else { continue }
            let found = try reading.map {
                try view.tiles(
                    keyPrefix: keyPrefix, first: TileBuckets.start(of: $0.low, size: size),
                    last: TileBuckets.start(of: $0.high, size: size))
            }
            if !isFine { usedCoarse = true }
            for (interval, tiles) in zip(reading, found) {
                let lowBucket = TileBuckets.start(of: interval.low, size: size)
                let highBucket = TileBuckets.start(of: interval.high, size: size)
                // The buckets at the interval's ends that reach past it, and whether a tile
                // holds them (absent: no rows, nothing to read).
                var lowOpen = lowBucket < interval.low
                var highOpen = highBucket &+ size &- 1 > interval.high
                for tile in tiles {
                    let atLow = tile.bucketStart == lowBucket && lowBucket < interval.low
                    let atHigh = tile.bucketStart == highBucket && highBucket &+ size &- 1 > interval.high
                    if atLow || atHigh {
                        let rows = try TileContent.tsRange(tile.value)
                        guard rows.min >= low, rows.max <= high else { continue }
                        mergedEdge = true
                    }
                    try group.merge(tile.value, into: &partials, wanted: wanted)
                    if atLow { lowOpen = false }
                    if atHigh { highOpen = false }
                }
                // Tiles absent at an end: their buckets have no rows.
                if lowOpen, !tiles.contains(where: { $0.bucketStart == lowBucket }) { lowOpen = false }
                if highOpen, !tiles.contains(where: { $0.bucketStart == highBucket }) { highOpen = false }
                if lowBucket == highBucket {
                    if lowOpen || highOpen { kept.append(interval) }
                    continue
                }
                if lowOpen { kept.append((interval.low, lowBucket &+ size &- 1)) }
                if highOpen { kept.append((highBucket, interval.high)) }
            }
            uncovered = kept
        }
        maintainer.servedRequests.add(1, ordering: .relaxed)
        if usedCoarse { maintainer.servedByCoarseTiles.add(1, ordering: .relaxed) }
        if mergedEdge { maintainer.servedWithEdgeTiles.add(1, ordering: .relaxed) }
        return TileMerge(
            partials: positions.map { partials[$0] }, lowEdgeMerged: !uncovered.contains { $0.0 == low },
            highEdgeMerged: !uncovered.contains { $0.1 == high })
    }

    func rowTiles(_ set: TileSet, slots: [TileSlot], key: [Value], low: Int64) throws -> RowTiles? {
        guard let entry = sets.first(where: { $0.set.name == set.name && $0.set.window == set.window }),
            let group = maintainer.group(entry.key), group.rowsPerTile != nil
        else { return nil }
        let positions = slots.compactMap { group.slotPositions[$0] }
        guard positions.count == slots.count else { return nil }
        let keyPrefix = try OnlineStore.tileKeyPrefix(
            tableID: group.key.tableID, name: group.fine.name, key: key, types: group.keyTypes)
        // Each tile is copied with only the slots asked for (a count need not copy the
        // distinct values another deployment's slot keeps in the same tiles).
        let kept = Array(Set(positions)).sorted()
        guard
            let tiles = try store.readyRowTiles(
                tableID: group.key.tableID, name: group.fine.name, keyPrefix: keyPrefix,
                read: { bytes -> RowTile? in
                    let compact = try group.compacted(bytes, keeping: kept)
                    let header = try RowTileHeader(compact)
                    guard header.info.runningMaxTS >= low else { return nil }
                    return RowTile(
                        minTS: header.minTS, maxTS: header.maxTS, firstSeq: header.info.firstSeq,
                        lastSeq: header.info.lastSeq, rows: Int(clamping: header.info.rows),
                        runningMaxTS: header.info.runningMaxTS, bytes: compact)
                })
        else { return nil }
        maintainer.servedRequests.add(1, ordering: .relaxed)
        return RowTiles(tiles: tiles, slotCount: group.slots.count, positions: positions) { tile, partials in
            try group.mergeCompacted(tile.bytes, keeping: kept, into: &partials)
            maintainer.mergedRowTiles.add(1, ordering: .relaxed)
        }
    }

    func expiryCutoff(_ set: TileSet) -> Int64? {
        set.table.indexes.first { $0.name == set.indexName }.flatMap(store.expiryCutoff(of:))
    }
}
