import TideExec

/// One tile's content: the partial of each slot of its group, and the range of its rows' TS.
/// The range tells a request whether the tile of the bucket at an edge of its frame lies
/// wholly inside the frame (then it is merged, and that edge's rows are not read).
struct TileContent: Sendable {
    var partials: [TilePartial]
    /// The smallest and largest TS of the tile's rows (`Int64.max` / `.min` while empty).
    var minTS = Int64.max
    var maxTS = Int64.min
    /// For a row-count tile: which rows of its key it holds, and the newest TS up to it.
    var rowInfo = RowTileInfo()

    init(slots: Int) { partials = Array(repeating: TilePartial(), count: slots) }

    init(partials: [TilePartial], minTS: Int64, maxTS: Int64) {
        self.partials = partials
        self.minTS = minTS
        self.maxTS = maxTS
    }

    /// Counts a row of TS `ts` in the range.
    mutating func include(ts: Int64) {
        minTS = min(minTS, ts)
        maxTS = max(maxTS, ts)
    }

    /// Adds everything `other` counted.
    mutating func merge(_ other: TileContent) {
        for i in partials.indices { partials[i].merge(other.partials[i]) }
        minTS = min(minTS, other.minTS)
        maxTS = max(maxTS, other.maxTS)
    }

    /// Bytes of the TS range at the start of an encoded tile.
    static let headerLength = 16

    /// The TS range at the start of tile `bytes`.
    static func tsRange(_ bytes: [UInt8]) throws -> (min: Int64, max: Int64) {
        guard bytes.count >= headerLength else { throw TileValueCodec.damaged() }
        var offset = 0
        let low = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        let high = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        return (low, high)
    }
}
