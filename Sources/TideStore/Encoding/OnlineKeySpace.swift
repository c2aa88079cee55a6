import TideCore

/// The key spaces of the online store besides the indexes (`IndexKey`, first byte `0x02`).
/// The catalog owns first byte `0x01` (`CatalogKey`).
///
///     row log    ┌──────┬──────────┬─────────┐
///                │ 0x03 │ table id │   seq   │  →  the row (`RowCodec`)
///                │  1 B │ u32 BE   │ u64 BE  │
///                └──────┴──────────┴─────────┘
///     sequence   ┌──────┬──────────┐
///                │ 0x04 │ table id │           →  u64 BE: the last seq handed out
///                └──────┴──────────┘
///
///     position   ┌──────┬──────────────┬───────────┐
///                │ 0x05 │ connector id │ partition │  →  i64 BE: the next offset to read
///                │  1 B │ u32 BE       │ i32 BE    │
///                └──────┴──────────────┴───────────┘
///
///     load       ┌──────┬──────────┐
///     journal    │ 0x06 │ table id │           →  an unfinished LOAD DATA (`OnlineStore+Load`)
///                └──────┴──────────┘
///
///     ingest     ┌──────┬──────────┬──────────┐
///     mark       │ 0x07 │ table id │ last seq │  →  u64 BE: the first seq of a batch a Kafka
///                │  1 B │ u32 BE   │ u64 BE   │     source stored (what a sink publishes)
///                └──────┴──────────┴──────────┘
///
/// The row log holds every stored row once, in seq (= ingestion) order: it is what online
/// preview scans, what `CREATE INDEX` backfills from and what `DELETE` searches. A table's row
/// log, index entries and sequence counter are always written in the same `RocksWriteBatch`.
enum OnlineKeySpace {
    /// The first byte of every row-log entry.
    static let rowLogNamespace: UInt8 = 0x03
    /// The first byte of every sequence counter.
    static let sequenceNamespace: UInt8 = 0x04
    /// The first byte of every Kafka connector position.
    static let positionNamespace: UInt8 = 0x05
    /// The first byte of every ingest mark.
    static let ingestMarkNamespace: UInt8 = 0x07

    /// The prefix of every ingest mark of table `tableID`.
    static func ingestMarkPrefix(tableID: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [ingestMarkNamespace]
        bytes.appendBigEndian(tableID)
        return bytes
    }

    /// The key of the ingest mark of the batch ending at `lastSeq` (marks sort by their end,
    /// so the first mark at or after a seq is the only one that can hold it).
    static func ingestMarkKey(tableID: UInt32, lastSeq: UInt64) -> [UInt8] {
        var bytes = ingestMarkPrefix(tableID: tableID)
        bytes.appendBigEndian(lastSeq)
        return bytes
    }

    /// The prefix of every position of connector `connectorID`.
    static func positionPrefix(connectorID: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [positionNamespace]
        bytes.appendBigEndian(connectorID)
        return bytes
    }

    /// The key of connector `connectorID`'s position in `partition`.
    static func positionKey(connectorID: UInt32, partition: Int32) -> [UInt8] {
        var bytes = positionPrefix(connectorID: connectorID)
        bytes.appendBigEndian(UInt32(bitPattern: partition))
        return bytes
    }

    /// The prefix of every row-log entry of table `tableID`.
    static func rowLogPrefix(tableID: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [rowLogNamespace]
        bytes.appendBigEndian(tableID)
        return bytes
    }

    /// The row-log key of row `seq` of table `tableID`.
    static func rowLogKey(tableID: UInt32, seq: UInt64) -> [UInt8] {
        var bytes = rowLogPrefix(tableID: tableID)
        bytes.appendBigEndian(seq)
        return bytes
    }

    /// Appends `rowLogKey(tableID:seq:)` to `bytes` (a writer reusing one key buffer).
    static func appendRowLogKey(tableID: UInt32, seq: UInt64, to bytes: inout [UInt8]) {
        bytes.append(rowLogNamespace)
        bytes.appendBigEndian(tableID)
        bytes.appendBigEndian(seq)
    }

    /// The seq of a row-log key.
    /// - Throws: `XX001` if the key does not have the row-log length.
    static func seq(ofRowLogKey key: Span<UInt8>) throws -> UInt64 {
        guard key.count == 13 else { throw TideError.onlineEntryCorrupted("row log key of \(key.count) bytes") }
        return key.loadBigEndian(at: 5, as: UInt64.self)
    }

    /// The key of table `tableID`'s sequence counter.
    static func sequenceKey(tableID: UInt32) -> [UInt8] {
        var bytes: [UInt8] = [sequenceNamespace]
        bytes.appendBigEndian(tableID)
        return bytes
    }

    /// The smallest byte string greater than every string starting with `prefix` (the
    /// exclusive end of a range delete), or nil when no such string exists (`prefix` is all
    /// `0xFF`; never the case for TideDB's prefixes, whose first byte is small).
    static func prefixEnd(_ prefix: [UInt8]) -> [UInt8]? {
        var end = prefix
        while let last = end.last {
            if last < 0xFF {
                end[end.count - 1] = last + 1
                return end
            }
            end.removeLast()
        }
        return nil
    }
}
