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
        _ set: TileSet, slots: [TileSlot], key: [Value], first: Int64, last: Int64, low: Int64, high: Int64
    ) throws -> TileMerge? {
        guard let entry = sets.first(where: { $0.set.name == set.name && $0.set.window == set.window }),
            let group = maintainer.group(entry.key), let bucket = set.bucketMs
        else { return nil }
        let positions = slots.compactMap { group.slotPositions[$0] }
        guard positions.count == slots.count else { return nil }
        var wanted = Array(repeating: false, count: group.slots.count)
        for position in positions { wanted[position] = true }
        // The buckets at the frame's edges, read with the fine tiles next to them: merged when
        // their rows all lie in [low, high].
        let lowEdge = low < first ? first &- bucket : nil
        let highEdge = last &+ bucket <= high ? last &+ bucket : nil
        var partials = Array(repeating: TilePartial(), count: group.slots.count)
        var mergedEdge = false
        func prefix(_ level: TileGroup.Level) throws -> [UInt8] {
            try OnlineStore.tileKeyPrefix(tableID: group.key.tableID, name: level.name, key: key, types: group.keyTypes)
        }
        // The fine tiles to read: all of the frame's, or, with coarse tiles wholly inside
        // [first, last + bucket), those around them that the coarse tile of their edge does
        // not hold.
        var fineRanges = [(lowEdge ?? first, highEdge ?? last)]
        if let coarse = group.coarse,
            case let coarseFirst = TileBuckets.firstStart(atOrAfter: first, size: coarse.bucketMs),
            case let coarseEnd = TileBuckets.start(of: last &+ bucket, size: coarse.bucketMs), coarseFirst < coarseEnd
        {
            // The coarse tiles of the edges are read too: one whose rows all lie in the frame
            // (the current day of a live request) is merged instead of its fine tiles, and an
            // edge without one has no rows.
            let lowCoarse = coarseFirst &- coarse.bucketMs
            var lowFine: (Int64, Int64)? = (lowEdge ?? first, coarseFirst &- bucket)
            var highFine: (Int64, Int64)? = (coarseEnd, highEdge ?? last)
            if let range = lowFine, range.0 > range.1 { lowFine = nil }
            if let range = highFine, range.0 > range.1 { highFine = nil }
            guard
                let found = try store.readyTiles(
                    tableID: group.key.tableID, name: group.fine.name,
                    [
                        (
                            try prefix(coarse), lowFine == nil ? coarseFirst : lowCoarse,
                            highFine == nil ? coarseEnd &- coarse.bucketMs : coarseEnd
                        )
                    ]
                )
            else { return nil }
            var lowHeld = found[0].first?.bucketStart != lowCoarse
            var highHeld = found[0].last?.bucketStart != coarseEnd
            for tile in found[0] {
                if tile.bucketStart == lowCoarse || tile.bucketStart == coarseEnd {
                    let rows = try TileContent.tsRange(tile.value)
                    guard rows.min >= low, rows.max <= high else { continue }
                    if tile.bucketStart == lowCoarse { lowHeld = true } else { highHeld = true }
                    mergedEdge = true
                }
                try group.merge(tile.value, into: &partials, wanted: wanted)
            }
            fineRanges = []
            if let lowFine, !lowHeld { fineRanges.append(lowFine) }
            if let highFine, !highHeld { fineRanges.append(highFine) }
            maintainer.servedByCoarseTiles.add(1, ordering: .relaxed)
        }
        // An edge bucket without a tile has no rows: nothing to read there either.
        var lowEdgeMerged = true
        var highEdgeMerged = true
        if !fineRanges.isEmpty {
            let fine = try prefix(group.fine)
            guard
                let tiles = try store.readyTiles(
                    tableID: group.key.tableID, name: group.fine.name, fineRanges.map { (fine, $0.0, $0.1) })
            else { return nil }
            for tile in tiles.joined() {
                if tile.bucketStart == lowEdge || tile.bucketStart == highEdge {
                    let rows = try TileContent.tsRange(tile.value)
                    guard rows.min >= low, rows.max <= high else {
                        if tile.bucketStart == lowEdge { lowEdgeMerged = false } else { highEdgeMerged = false }
                        continue
                    }
                    mergedEdge = true
                }
                try group.merge(tile.value, into: &partials, wanted: wanted)
            }
        }
        maintainer.servedRequests.add(1, ordering: .relaxed)
        if mergedEdge { maintainer.servedWithEdgeTiles.add(1, ordering: .relaxed) }
        return TileMerge(
            partials: positions.map { partials[$0] }, lowEdgeMerged: lowEdgeMerged, highEdgeMerged: highEdgeMerged)
    }

    func rowTiles(_ set: TileSet, slots: [TileSlot], key: [Value], low: Int64) throws -> RowTiles? {
        guard let entry = sets.first(where: { $0.set.name == set.name && $0.set.window == set.window }),
            let group = maintainer.group(entry.key), group.rowsPerTile != nil
        else { return nil }
        let positions = slots.compactMap { group.slotPositions[$0] }
        guard positions.count == slots.count else { return nil }
        var wanted = Array(repeating: false, count: group.slots.count)
        for position in positions { wanted[position] = true }
        let keyPrefix = try OnlineStore.tileKeyPrefix(
            tableID: group.key.tableID, name: group.fine.name, key: key, types: group.keyTypes)
        var headers: [RowTileHeader] = []
        guard
            let found = try store.readyRowTiles(
                tableID: group.key.tableID, name: group.fine.name, keyPrefix: keyPrefix,
                while: { bytes in
                    let header = try RowTileHeader(bytes)
                    guard header.info.runningMaxTS >= low else { return false }
                    headers.append(header)
                    return true
                })
        else { return nil }
        maintainer.servedRequests.add(1, ordering: .relaxed)
        let tiles = zip(headers, found).map { header, bytes in
            RowTile(
                minTS: header.minTS, maxTS: header.maxTS, firstSeq: header.info.firstSeq,
                lastSeq: header.info.lastSeq, rows: Int(clamping: header.info.rows),
                runningMaxTS: header.info.runningMaxTS, bytes: bytes)
        }
        return RowTiles(tiles: tiles, slotCount: group.slots.count, positions: positions) { tile, partials in
            try group.merge(tile.bytes, into: &partials, wanted: wanted)
            maintainer.mergedRowTiles.add(1, ordering: .relaxed)
        }
    }

    func expiryCutoff(_ set: TileSet) -> Int64? {
        set.table.indexes.first { $0.name == set.indexName }.flatMap(store.expiryCutoff(of:))
    }
}
