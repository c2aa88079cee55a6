import TideCore
import TideExec
import TidePlan

/// Where a deployment's request reads long-window tiles (TideDB: the online store's tile key
/// space). Without one, or when a set is not ready, windows are computed from rows.
public protocol TileReader: Sendable {
    /// The ready tile set serving `window`, if any.
    func tileSet(for window: WindowSpecification) -> TileSet?
    /// The partials of `slots` (of calls of `set`) merged over the key's tiles with bucket
    /// starts in `[first, last]`, and over the tiles of the buckets just before `first` and
    /// just after `last` when every row of theirs lies in the frame `[low, high]` (`low` in the
    /// bucket before `first` unless it is `first`; `high` past the bucket after `last` or in
    /// it); nil when the tiles are not ready or do not hold those slots.
    func merged(
        _ set: TileSet, slots: [TileSlot], key: [Value], first: Int64, last: Int64, low: Int64, high: Int64
    ) throws -> TileMerge?
    /// Rows with index TS at or below this are expired by the index's TTL (nil: none).
    func expiryCutoff(_ set: TileSet) -> Int64?
}

/// What a `TileReader` merged for a request's frame.
public struct TileMerge: Sendable {
    /// One per slot asked for.
    public var partials: [TilePartial]
    /// Whether the rows of the frame before its first whole bucket (`[low, first)`) are in
    /// `partials` already: that bucket's tile lies wholly inside the frame, or it has none.
    public var lowEdgeMerged: Bool
    /// Whether the rows after its last whole bucket (`[last + bucket, high]`) are.
    public var highEdgeMerged: Bool

    public init(partials: [TilePartial], lowEdgeMerged: Bool, highEdgeMerged: Bool) {
        self.partials = partials
        self.lowEdgeMerged = lowEdgeMerged
        self.highEdgeMerged = highEdgeMerged
    }
}
