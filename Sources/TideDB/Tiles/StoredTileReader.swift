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
        let prefix = try OnlineStore.tileKeyPrefix(
            tableID: registered.tableID, name: set.name, key: key, types: registered.keyTypes)
        maintainer.servedRequests.add(1, ordering: .relaxed)
        var partials = Array(repeating: TilePartial(), count: set.calls.count)
        for tile in try store.tiles(keyPrefix: prefix, first: first, last: last) {
            try registered.merge(tile.value, into: &partials)
        }
        return partials
    }

    func expiryCutoff(_ set: TileSet) -> Int64? {
        set.table.indexes.first { $0.name == set.indexName }.flatMap(store.expiryCutoff(of:))
    }
}
