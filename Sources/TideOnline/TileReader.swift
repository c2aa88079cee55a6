import TideCore
import TideExec
import TidePlan

/// Where a deployment's request reads long-window tiles (TideDB: the online store's tile key
/// space). Without one, or when a set is not ready, windows are computed from rows.
public protocol TileReader: Sendable {
    /// The ready tile set serving `window`, if any.
    func tileSet(for window: WindowSpecification) -> TileSet?
    /// The partials of `slots` (of calls of `set`) merged over the key's tiles of the whole
    /// buckets inside the frame `[low, high]` (which holds at least one), and over the tiles of
    /// the buckets at its ends whose rows all lie in it; nil when the tiles are not ready or do
    /// not hold those slots.
    func merged(_ set: TileSet, slots: [TileSlot], key: [Value], low: Int64, high: Int64) throws -> TileMerge?
    /// The key's tiles of row-count set `set`, newest first, down to (without) the first whose
    /// `runningMaxTS` lies before `low` (it and every older tile hold no row at or after
    /// `low`); nil when the tiles are not ready or do not hold `slots`.
    func rowTiles(_ set: TileSet, slots: [TileSlot], key: [Value], low: Int64) throws -> RowTiles?
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

/// One row-count tile as a request walks it (`TileReader.rowTiles`): the rows of its key
/// with seqs in `[firstSeq, lastSeq]`, `rows` of them, TS in `[minTS, maxTS]`.
public struct RowTile: Sendable {
    public var minTS: Int64
    public var maxTS: Int64
    public var firstSeq: UInt64
    public var lastSeq: UInt64
    public var rows: Int
    /// At least the newest TS of this tile's rows and of every older tile's of the key.
    public var runningMaxTS: Int64
    /// The tile as stored, for `RowTiles.merge`.
    public var bytes: [UInt8]

    public init(
        minTS: Int64, maxTS: Int64, firstSeq: UInt64, lastSeq: UInt64, rows: Int, runningMaxTS: Int64, bytes: [UInt8]
    ) {
        self.runningMaxTS = runningMaxTS
        self.minTS = minTS
        self.maxTS = maxTS
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.rows = rows
        self.bytes = bytes
    }

    /// Whether row `seq` of the tile's key is one of its rows.
    public func holds(_ seq: UInt64) -> Bool { firstSeq <= seq && seq <= lastSeq }
}

/// A key's row-count tiles for one request, newest first, and how to merge one of them.
public struct RowTiles {
    public var tiles: [RowTile]
    /// How many partials a tile holds, and where in them each slot asked for lies.
    public var slotCount: Int
    public var positions: [Int]
    /// Merges the slots asked for of `tile` into `partials` (`slotCount` of them).
    public var merge: (_ tile: RowTile, _ partials: inout [TilePartial]) throws -> Void

    public init(
        tiles: [RowTile], slotCount: Int, positions: [Int],
        merge: @escaping (RowTile, inout [TilePartial]) throws -> Void
    ) {
        self.tiles = tiles
        self.slotCount = slotCount
        self.positions = positions
        self.merge = merge
    }
}
