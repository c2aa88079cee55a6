import TideCore
import TideExec

/// What a row-count tile records besides its rows' TS range: the tile holds the rows of its
/// key with seqs in `[firstSeq, lastSeq]` (consecutive arrivals of the key: a key's rows fill
/// its newest tile until it holds `rowsPerTile`, then start the next), how many there are now
/// (a DELETE lowers it), and `runningMaxTS`, at least the largest TS of this tile's rows and of
/// every older tile's of the key: a request walking the key's tiles newest first stops at the
/// first whose `runningMaxTS` is before its frame.
struct RowTileInfo: Sendable, Equatable {
    var firstSeq = UInt64.max
    var lastSeq: UInt64 = 0
    var rows: Int64 = 0
    var runningMaxTS = Int64.min

    /// A tile after one whose `runningMaxTS` is `previous`.
    init(after previous: Int64 = .min) { runningMaxTS = previous }

    init(firstSeq: UInt64, lastSeq: UInt64, rows: Int64, runningMaxTS: Int64) {
        self.firstSeq = firstSeq
        self.lastSeq = lastSeq
        self.rows = rows
        self.runningMaxTS = runningMaxTS
    }

    /// Counts the row `seq` of TS `ts`, the newest of its key so far.
    mutating func include(seq: UInt64, ts: Int64) {
        firstSeq = min(firstSeq, seq)
        lastSeq = max(lastSeq, seq)
        rows += 1
        runningMaxTS = max(runningMaxTS, ts)
    }

    /// Whether row `seq` of this tile's key is one of its rows.
    func holds(_ seq: UInt64) -> Bool { firstSeq <= seq && seq <= lastSeq }

    /// The 32 bytes after the TS range: four 8-byte big-endian integers.
    func append(to bytes: inout [UInt8]) {
        TileValueCodec.appendUInt64(firstSeq, to: &bytes)
        TileValueCodec.appendUInt64(lastSeq, to: &bytes)
        TileValueCodec.appendUInt64(UInt64(bitPattern: rows), to: &bytes)
        TileValueCodec.appendUInt64(UInt64(bitPattern: runningMaxTS), to: &bytes)
    }
}

/// The header of a stored row-count tile: its TS range (`TileContent.tsRange`) then its
/// `RowTileInfo`.
struct RowTileHeader: Sendable {
    static let length = TileContent.headerLength + 32

    var minTS: Int64
    var maxTS: Int64
    var info: RowTileInfo

    init(_ bytes: [UInt8]) throws {
        guard bytes.count >= Self.length else { throw TileValueCodec.damaged() }
        var offset = 0
        minTS = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        maxTS = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        let firstSeq = try TileValueCodec.readUInt64(bytes, &offset)
        let lastSeq = try TileValueCodec.readUInt64(bytes, &offset)
        let rows = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        let running = Int64(bitPattern: try TileValueCodec.readUInt64(bytes, &offset))
        info = RowTileInfo(firstSeq: firstSeq, lastSeq: lastSeq, rows: rows, runningMaxTS: running)
    }
}
