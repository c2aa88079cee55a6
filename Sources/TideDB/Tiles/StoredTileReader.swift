import Synchronization
import TideCore
import TideExec
import TideOnline
import TidePlan
import TideStore

/// A deployment's tiles in the online store, for its requests (`TileReader`): the sets its
/// plan's long windows have, used while their ready markers exist.
struct StoredTileReader: TileReader {
    let store: OnlineStore
    let maintainer: TileMaintainer
    /// The deployment's sets by window, with their table ids.
    let sets: [(set: TileSet, registered: TileMaintainer.Registered)]

    /// The set serving `window` (whether it is ready is checked once, by `merged`).
    func tileSet(for window: WindowSpecification) -> TileSet? {
        sets.first(where: { $0.set.window == window })?.set
    }

    func merged(_ set: TileSet, key: [Value], first: Int64, last: Int64) throws -> [TilePartial]? {
        guard let registered = sets.first(where: { $0.set.name == set.name })?.registered,
            try store.tilesReady(tableID: registered.tableID, name: set.name)
        else { return nil }
        maintainer.servedRequests.add(1, ordering: .relaxed)
        var partials = Array(repeating: TilePartial(), count: set.calls.count)
        func merge(_ level: TileMaintainer.Registered.Level, from: Int64, to: Int64) throws {
            guard from <= to else { return }
            let prefix = try OnlineStore.tileKeyPrefix(
                tableID: registered.tableID, name: level.name, key: key, types: registered.keyTypes)
            for tile in try store.tiles(keyPrefix: prefix, first: from, last: to) {
                try registered.merge(tile.value, into: &partials)
            }
        }
        // The coarse tiles wholly inside [first, last + bucket), and fine ones around them.
        if let coarse = registered.coarse {
            let coarseFirst = TileBuckets.firstStart(atOrAfter: first, size: coarse.bucketMs)
            let coarseEnd = TileBuckets.start(of: last &+ set.bucketMs, size: coarse.bucketMs)
            if coarseFirst < coarseEnd {
                maintainer.servedByCoarseTiles.add(1, ordering: .relaxed)
                try merge(registered.fine, from: first, to: coarseFirst &- set.bucketMs)
                try merge(coarse, from: coarseFirst, to: coarseEnd &- coarse.bucketMs)
                try merge(registered.fine, from: coarseEnd, to: last)
                return partials
            }
        }
        try merge(registered.fine, from: first, to: last)
        return partials
    }

    func expiryCutoff(_ set: TileSet) -> Int64? {
        set.table.indexes.first { $0.name == set.indexName }.flatMap(store.expiryCutoff(of:))
    }
}
