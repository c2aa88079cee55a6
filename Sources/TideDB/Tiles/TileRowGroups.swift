import TideCore
import TideExec
import TideStore

/// The rows of a write grouped by the tile they fall in: their index key's fields and the
/// start of their bucket, encoded as a tile key ends after its set's prefix. Every set over the
/// same key columns, TS column and bucket shares one grouping, so a write that several tiled
/// deployments keep groups its rows once.
struct TileRowGroups {
    /// What decides a row's group.
    struct Shape: Hashable {
        let keyPositions: [Int]
        let keyTypes: [DataType]
        let tsPosition: Int
        let bucketMs: Int64
    }

    /// One tile's rows: the tile key after the set prefix, and the rows' positions.
    struct Group {
        let suffix: [UInt8]
        var rows: [Int]
    }

    private(set) var groups: [Group] = []

    /// Groups `rows` (rows without a TS belong to no tile), in the order each group first occurs.
    init(_ rows: [[Value]], shape: Shape) throws {
        var index: [TileKey: Int] = [:]
        var key: [Value] = []
        for (position, row) in rows.enumerated() {
            guard let ts = row[shape.tsPosition].int64Value else { continue }
            key.removeAll(keepingCapacity: true)
            for keyPosition in shape.keyPositions { key.append(row[keyPosition]) }
            var suffix: [UInt8] = []
            suffix.reserveCapacity(32)
            try OnlineStore.appendTileKey(
                key, types: shape.keyTypes, bucketStart: TileBuckets.start(of: ts, size: shape.bucketMs), to: &suffix)
            let tile = TileKey(suffix)
            if let group = index[tile] {
                groups[group].rows.append(position)
            } else {
                index[tile] = groups.count
                groups.append(Group(suffix: suffix, rows: [position]))
            }
        }
    }
}
