import TideCore
import TideExec
import TideStore

/// Row-count tiles (`long_windows = 'w:1000'`): a key's rows, in arrival order, fill its
/// newest tile until it holds `rowsPerTile`, then start the next (`RowTileInfo`). Building,
/// writing and deleting fold rows into them here; requests walk them newest first
/// (`StoredTileReader.rowTiles`).
extension TileGroup {
    /// What groups rows by key (the prefix of the key's tiles after the set's).
    var keyShape: TileRowGroups.Shape {
        TileRowGroups.Shape(keyPositions: keyPositions, keyTypes: keyTypes, tsPosition: tsPosition, bucketMs: nil)
    }

    /// Folds row `seq` (the newest of its key so far) into `content`.
    func addRow(_ row: [Value], seq: UInt64, to content: inout TileContent) throws {
        guard let ts = row[tsPosition].int64Value else { return }
        content.include(ts: ts)
        content.rowInfo.include(seq: seq, ts: ts)
        try addSlots(row, to: &content)
    }

    /// Adds the rows `positions` of `rows` (in arrival order, all of one key; row `i` has
    /// seq `seq(i)`) to that key's tiles, starting from its newest tile `open` (nil: the key
    /// has none); returns the tiles changed, by number, the newest last.
    func appendRows(
        _ rows: [[Value]], positions: [Int], seq: (Int) -> UInt64, open: (number: UInt64, content: TileContent)?
    ) throws -> [(number: UInt64, content: TileContent)] {
        let capacity = rowsPerTile ?? Int64.max
        var number = open?.number ?? 0
        var content = open?.content ?? TileContent(slots: slots.count)
        var changed: [(UInt64, TileContent)] = []
        for position in positions {
            if content.rowInfo.rows >= capacity {
                changed.append((number, content))
                number += 1
                var next = TileContent(slots: slots.count)
                next.rowInfo = RowTileInfo(after: content.rowInfo.runningMaxTS)
                content = next
            }
            try addRow(rows[position], seq: seq(position), to: &content)
        }
        changed.append((number, content))
        return changed
    }

    /// Every row-count tile of `rows` (every stored row of the table): key and bytes.
    func foldRowTiles(_ rows: [StoredRow]) throws -> [([UInt8], [UInt8])] {
        let ordered = rows.sorted { $0.seq < $1.seq }
        let values = ordered.map(\.values)
        var tiles: [([UInt8], [UInt8])] = []
        for group in try TileRowGroups(values, shape: keyShape).groups {
            let keyPrefix = fine.prefix + group.suffix
            for (number, content) in try appendRows(values, positions: group.rows, seq: { ordered[$0].seq }, open: nil)
            {
                tiles.append((OnlineStore.rowTileKey(keyPrefix, number: number), encode(content)))
            }
        }
        return tiles
    }

    /// The tiles of one key that rows `removed` (of that key, `keyValues`) were in, recomputed
    /// from the rows that stay: key and new bytes (nil: the tile is left empty, deleted).
    func rowTilesAfterRemoving(
        _ removed: [StoredRow], keyPrefix: [UInt8], keyValues: [Value], tableID: UInt32, store: OnlineStore
    ) throws -> [([UInt8], [UInt8]?)] {
        let gone = Set(removed.map(\.seq))
        var entries: [([UInt8], [UInt8]?)] = []
        for (number, value) in try store.rowTiles(keyPrefix: keyPrefix) {
            let header = try RowTileHeader(value)
            guard removed.contains(where: { header.info.holds($0.seq) }) else { continue }
            let stored = try store.rows(
                tableID: tableID, table: table, index: indexName, key: keyValues, from: header.minTS,
                to: header.maxTS, limit: nil)
            var content = TileContent(slots: slots.count)
            // The seq range stays (the tile's place among the key's arrivals), and so does
            // the running newest TS (an upper bound is all a request needs).
            content.rowInfo = RowTileInfo(
                firstSeq: header.info.firstSeq, lastSeq: header.info.lastSeq, rows: 0,
                runningMaxTS: header.info.runningMaxTS)
            for row in stored.reversed() where header.info.holds(row.seq) && !gone.contains(row.seq) {
                guard let ts = row.values[tsPosition].int64Value else { continue }
                content.include(ts: ts)
                content.rowInfo.rows += 1
                try addSlots(row.values, to: &content)
            }
            let key = OnlineStore.rowTileKey(keyPrefix, number: number)
            entries.append((key, content.rowInfo.rows > 0 ? encode(content) : nil))
        }
        return entries
    }
}
