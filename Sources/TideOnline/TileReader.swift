import TideCore
import TideExec
import TidePlan

/// Where a deployment's request reads long-window tiles (TideDB: the online store's tile key
/// space). Without one, or when a set is not ready, windows are computed from rows.
public protocol TileReader: Sendable {
    /// The ready tile set serving `window`, if any.
    func tileSet(for window: WindowSpecification) -> TileSet?
    /// The partials of `slots` (of calls of `set`) merged over the key's tiles with bucket
    /// starts in `[first, last]`; nil when the tiles are not ready or do not hold those slots.
    func merged(_ set: TileSet, slots: [TileSlot], key: [Value], first: Int64, last: Int64) throws -> [TilePartial]?
    /// Rows with index TS at or below this are expired by the index's TTL (nil: none).
    func expiryCutoff(_ set: TileSet) -> Int64?
}
