import TideCore
import TideExec
import TideStore

/// The rows of a write grouped by the tile they fall in: their index key's fields and the
/// start of their bucket, encoded as a tile key ends after its set's prefix (for row-count
/// tiles, by key alone: the key's tile prefix after the set's). Every set over the
/// same key columns, TS column and bucket shares one grouping, so a write that several tiled
/// deployments keep groups its rows once.
struct TileRowGroups {
    /// What decides a row's group.
    struct Shape: Hashable {
        let keyPositions: [Int]
        let keyTypes: [DataType]
        let tsPosition: Int
        /// nil: rows group by key alone (row-count tiles).
        let bucketMs: Int64?
    }

    /// One tile's rows: the tile key after the set prefix, and the rows' positions.
    struct Group {
        let suffix: [UInt8]
        var rows: [Int]
    }

    private(set) var groups: [Group] = []

    /// Groups `rows` (rows without a TS belong to no tile), in the order each group first occurs.
    /// Rows group by their encoded tile key (values that compare equal may encode apart:
    /// -0.0 and 0.0, canonically equivalent strings), encoded into one reused buffer.
    init(_ rows: [[Value]], shape: Shape) throws {
        // Groups by the hash of their suffix, chained through `sameHash` on collisions.
        var byHash: [Int: Int] = [:]
        var sameHash: [Int] = []
        var key: [Value] = []
        var suffix: [UInt8] = []
        suffix.reserveCapacity(64)
        for (position, row) in rows.enumerated() {
            guard let ts = row[shape.tsPosition].int64Value else { continue }
            key.removeAll(keepingCapacity: true)
            for keyPosition in shape.keyPositions { key.append(row[keyPosition]) }
            suffix.removeAll(keepingCapacity: true)
            if let bucketMs = shape.bucketMs {
                try OnlineStore.appendTileKey(
                    key, types: shape.keyTypes, bucketStart: TileBuckets.start(of: ts, size: bucketMs), to: &suffix)
            } else {
                try OnlineStore.appendTileKeyFields(key, types: shape.keyTypes, to: &suffix)
            }
            var hasher = Hasher()
            suffix.withUnsafeBytes { hasher.combine(bytes: $0) }
            let hash = hasher.finalize()
            var group = byHash[hash] ?? -1
            while group >= 0, groups[group].suffix != suffix { group = sameHash[group] }
            if group >= 0 {
                groups[group].rows.append(position)
            } else {
                sameHash.append(byHash[hash] ?? -1)
                byHash[hash] = groups.count
                groups.append(Group(suffix: suffix, rows: [position]))
            }
        }
    }
}
