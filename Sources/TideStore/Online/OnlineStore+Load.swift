import Synchronization
import TideCore

/// Online LOAD DATA as one statement: all of its rows or none, whatever moment the process
/// dies at.
///
/// A file can be far larger than one RocksDB write should hold, so rows are written in
/// batches; with each batch goes the table's **load journal** (key space `0x06`: which seq
/// ranges the load has written so far, and with `overwrite` the last seq of the rows it
/// replaces). Finishing deletes the replaced rows and the journal in one synced write. A
/// failed load rolls its rows back at once; after a crash, the next open finds the journal
/// and rolls back (`rollBackUnfinishedLoads`), so a load is never half-applied or, rerun,
/// duplicated.
extension OnlineStore {
    /// Starts a load into table `tableID`; with `replacing`, the rows stored now are deleted
    /// when the load finishes (and kept if it does not).
    public func beginLoad(tableID: UInt32, replacing: Bool) throws -> OnlineLoadJournal {
        try writer.withLock { counters in
            let last = try counters[tableID] ?? loadCounter(tableID: tableID)
            counters[tableID] = last
            let journal = OnlineLoadJournal(tableID: tableID, ranges: [], replacesUpTo: replacing ? last : nil)
            let batch = try RocksWriteBatch()
            batch.put(Self.journalKey(tableID), journal.encoded)
            try database.write(batch, sync: true)
            return journal
        }
    }

    /// Writes one batch of the load, with the journal extended to cover it.
    public func load(_ rows: PreparedOnlineBatch, into journal: inout OnlineLoadJournal) throws {
        guard !rows.isEmpty else { return }
        let tableID = journal.tableID
        let updated = try writer.withLock { counters in
            let last = try counters[tableID] ?? loadCounter(tableID: tableID)
            var next = journal
            next.add(last + 1...last + UInt64(rows.count))
            _ = try commit(
                rows, tableID: tableID, counters: &counters, also: [(Self.journalKey(tableID), next.encoded)],
                sync: false)
            return next
        }
        journal = updated
    }

    /// Finishes the load: the rows it replaces and its journal go in one synced write.
    public func finishLoad(_ journal: OnlineLoadJournal, table: TableDef) throws {
        try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            if let upTo = journal.replacesUpTo, upTo > 0 {
                try deleteRows(table: table, tableID: journal.tableID, seqs: [1...upTo], in: batch)
            }
            batch.delete(Self.journalKey(journal.tableID))
            try database.write(batch, sync: true)
            if journal.replacesUpTo != nil { try rebuildTiles(tableID: journal.tableID) }
        }
    }

    /// Undoes a load that failed: its rows and its journal go; replaced rows stay.
    public func rollBack(_ journal: OnlineLoadJournal, table: TableDef) throws {
        try writer.withLock { _ in
            let batch = try RocksWriteBatch()
            try deleteRows(table: table, tableID: journal.tableID, seqs: journal.ranges, in: batch)
            batch.delete(Self.journalKey(journal.tableID))
            try database.write(batch, sync: true)
            try rebuildTiles(tableID: journal.tableID)
        }
    }

    /// Rolls back every load a crash interrupted (called when the data directory opens) and
    /// returns, per table id, how many rows were removed. `tables` resolves a table id to its
    /// definition; a journal of a table that no longer exists is dropped.
    public func rollBackUnfinishedLoads(tables: (UInt32) -> TableDef?) throws -> [UInt32: Int] {
        var removed: [UInt32: Int] = [:]
        for (key, value) in try database.scan(prefix: [Self.journalNamespace]) {
            let journal = try OnlineLoadJournal(decoding: value, key: key)
            if let table = tables(journal.tableID) {
                removed[journal.tableID] = journal.ranges.reduce(0) { $0 + $1.count }
                try rollBack(journal, table: table)
            } else {
                try database.delete(key)
            }
        }
        return removed
    }

    /// Adds to `batch` the deletion of every stored row of `tableID` whose seq lies in `seqs`,
    /// with its index entries. Called with the writer lock held.
    private func deleteRows(table: TableDef, tableID: UInt32, seqs: [ClosedRange<UInt64>], in batch: RocksWriteBatch)
        throws
    {
        let codec = RowCodec(table)
        let layouts = try IndexLayout.all(of: table, tableID: tableID)
        let prefix = OnlineKeySpace.rowLogPrefix(tableID: tableID)
        for range in seqs {
            let iterator = try database.makeIterator()
            iterator.seek(to: OnlineKeySpace.rowLogKey(tableID: tableID, seq: range.lowerBound), within: prefix)
            while iterator.isValid {
                let seq = try iterator.withKeyBytes { try OnlineKeySpace.seq(ofRowLogKey: $0) }
                guard seq <= range.upperBound else { break }
                let row = try iterator.withValueBytes { try codec.decode($0) }
                batch.delete(OnlineKeySpace.rowLogKey(tableID: tableID, seq: seq))
                for layout in layouts { batch.delete(try layout.entryKey(row, seq: seq)) }
                iterator.next()
            }
            try iterator.checkError()
        }
    }

    /// The first byte of every load journal key.
    static let journalNamespace: UInt8 = 0x06

    static func journalKey(_ tableID: UInt32) -> [UInt8] {
        var key: [UInt8] = [journalNamespace]
        key.appendBigEndian(tableID)
        return key
    }
}

/// What a load has written so far: the seq ranges of its rows, and the last seq of the rows it
/// replaces (`overwrite`).
public struct OnlineLoadJournal: Sendable, Hashable {
    public let tableID: UInt32
    public private(set) var ranges: [ClosedRange<UInt64>]
    public let replacesUpTo: UInt64?

    init(tableID: UInt32, ranges: [ClosedRange<UInt64>], replacesUpTo: UInt64?) {
        self.tableID = tableID
        self.ranges = ranges
        self.replacesUpTo = replacesUpTo
    }

    /// Adds `range`, merging it into the last range when they touch.
    mutating func add(_ range: ClosedRange<UInt64>) {
        if let last = ranges.last, last.upperBound + 1 == range.lowerBound {
            ranges[ranges.count - 1] = last.lowerBound...range.upperBound
        } else {
            ranges.append(range)
        }
    }

    /// `[replaces: u8][replacesUpTo: u64][count: u32][(from: u64, to: u64)...]`, big-endian.
    var encoded: [UInt8] {
        var bytes: [UInt8] = [replacesUpTo == nil ? 0 : 1]
        bytes.appendBigEndian(replacesUpTo ?? 0)
        bytes.appendBigEndian(UInt32(ranges.count))
        for range in ranges {
            bytes.appendBigEndian(range.lowerBound)
            bytes.appendBigEndian(range.upperBound)
        }
        return bytes
    }

    /// - Throws: `XX001` if the entry is malformed.
    init(decoding bytes: [UInt8], key: [UInt8]) throws {
        guard key.count == 5, bytes.count >= 13 else { throw TideError.onlineEntryCorrupted("load journal") }
        tableID = key.span.loadBigEndian(at: 1, as: UInt32.self)
        let span = bytes.span
        replacesUpTo = bytes[0] == 0 ? nil : span.loadBigEndian(at: 1, as: UInt64.self)
        let count = Int(span.loadBigEndian(at: 9, as: UInt32.self))
        guard bytes.count == 13 + count * 16 else { throw TideError.onlineEntryCorrupted("load journal") }
        ranges = try (0..<count).map { i in
            let from = span.loadBigEndian(at: 13 + i * 16, as: UInt64.self)
            let to = span.loadBigEndian(at: 21 + i * 16, as: UInt64.self)
            guard from <= to else { throw TideError.onlineEntryCorrupted("load journal range") }
            return from...to
        }
    }
}
