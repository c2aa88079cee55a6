import Glibc
import TideCore

/// Rows of one table checked and encoded for the online store, held in one byte arena: each
/// row's row-log value and each of its index entries' key prefix, back to back, so a batch of
/// tens of thousands of rows costs a handful of allocations instead of several per row.
/// `OnlineRowEncoder.append(_:to:)` adds rows; `putEntriesInKeyOrder()` computes the order in
/// which their index entries reach RocksDB: key order, which the entries' final keys (prefix,
/// inverted TS, inverted seq) will have once seqs are given, since seqs grow with the row's
/// place. Computing it is the expensive part of a large write, so a writer that can (a Kafka
/// source) does it before taking the store's writer lock; `OnlineStore` does it otherwise.
public struct PreparedOnlineBatch: Sendable {
    /// One index entry of one row.
    struct EntryReference: Sendable, Equatable {
        let row: Int32
        let entry: Int32
    }

    /// Where a value lies in `bytes`.
    struct ByteRange: Sendable {
        let start: Int
        let count: Int
    }

    /// An index entry's key prefix in `bytes` and its TS.
    struct Entry: Sendable {
        let key: ByteRange
        let ts: Int64
    }

    /// The rows' row-log values and key prefixes.
    private(set) var bytes: [UInt8] = []
    /// Each row's row-log value.
    private(set) var encodedRows: [ByteRange] = []
    /// Each row's index entries, `entriesPerRow` per row, row by row.
    private(set) var entries: [Entry] = []
    /// The number of indexes of the table.
    let entriesPerRow: Int
    /// The rows as given (what long-window tiles are computed from).
    public private(set) var values: [[Value]] = []
    /// The entries in key order, once `putEntriesInKeyOrder()` ran.
    private(set) var orderedEntries: [EntryReference]?

    /// An empty batch for a table with `indexes` indexes.
    init(indexes: Int, reservingRows rows: Int) {
        entriesPerRow = indexes
        reserveCapacity(rows: rows)
    }

    /// Makes room for `rows` rows in all (a batch that is filled only if messages arrive
    /// reserves once the first one does).
    public mutating func reserveCapacity(rows: Int) {
        encodedRows.reserveCapacity(rows)
        entries.reserveCapacity(rows * entriesPerRow)
        values.reserveCapacity(rows)
    }

    /// The number of rows.
    public var count: Int { encodedRows.count }

    /// True if the batch holds no row.
    public var isEmpty: Bool { encodedRows.isEmpty }

    /// Adds a row by encoding it in place: `encode` appends the row-log value to the arena,
    /// then `entry(i, &bytes)` appends index `i`'s key prefix and returns the entry's TS. If
    /// either throws, the batch is left as it was.
    mutating func append(
        _ row: [Value], encode: (inout [UInt8]) throws -> Void, entry: (Int, inout [UInt8]) throws -> Int64
    ) throws {
        let mark = bytes.count
        let entryMark = entries.count
        do {
            try encode(&bytes)
            let encoded = ByteRange(start: mark, count: bytes.count - mark)
            for index in 0..<entriesPerRow {
                let start = bytes.count
                let ts = try entry(index, &bytes)
                entries.append(Entry(key: ByteRange(start: start, count: bytes.count - start), ts: ts))
            }
            encodedRows.append(encoded)
        } catch {
            bytes.removeSubrange(mark...)
            entries.removeSubrange(entryMark...)
            throw error
        }
        values.append(row)
        orderedEntries = nil
    }

    /// Row `row`'s entry of index `entry`.
    func entry(_ reference: EntryReference) -> Entry {
        entries[Int(reference.row) * entriesPerRow + Int(reference.entry)]
    }

    /// The key prefix of `reference` (a copy, for tests and messages).
    func keyPrefix(_ reference: EntryReference) -> [UInt8] {
        let key = entry(reference).key
        return Array(bytes[key.start..<key.start + key.count])
    }

    /// Row `row`'s row-log value (a copy, for tests).
    func encodedRow(_ row: Int) -> [UInt8] {
        let range = encodedRows[row]
        return Array(bytes[range.start..<range.start + range.count])
    }

    /// Every index entry in the order RocksDB receives them: key order (computed here unless
    /// `putEntriesInKeyOrder()` did it before).
    var entryOrder: [EntryReference] {
        orderedEntries ?? keyOrder
    }

    /// The entries in key order (for batches of more than 16 entries; smaller ones keep the
    /// row order, which costs RocksDB nothing measurable).
    private var keyOrder: [EntryReference] {
        entries.count > 16 ? EntrySorter(self).sorted() : naturalOrder
    }

    /// The entries row by row.
    private var naturalOrder: [EntryReference] {
        var order: [EntryReference] = []
        order.reserveCapacity(entries.count)
        for row in 0..<count {
            for entry in 0..<entriesPerRow { order.append(EntryReference(row: Int32(row), entry: Int32(entry))) }
        }
        return order
    }

    /// Computes the key order of the entries now, on the caller's thread, instead of in the
    /// store's writer lock.
    public mutating func putEntriesInKeyOrder() {
        guard orderedEntries == nil else { return }
        orderedEntries = keyOrder
    }
}

/// Sorts a batch's index entries into RocksDB's byte order of their final keys, reading the
/// key prefixes in the batch's arena: the entries of each index (which share the index's key
/// prefix) are sorted apart, each summarized by its 8 bytes after the prefix its index's keys
/// share (big-endian, so integer order is byte order); only entries whose 8 bytes tie compare
/// their remaining bytes.
private struct EntrySorter {
    private struct Item {
        var head: UInt64
        var ts: Int64
        var start: Int
        var count: Int
        var reference: PreparedOnlineBatch.EntryReference
    }

    private let batch: PreparedOnlineBatch
    /// The entries of each index, by the entry's place in its row.
    private var groups: [[Item]]

    init(_ batch: PreparedOnlineBatch) {
        self.batch = batch
        groups = (0..<batch.entriesPerRow).map { _ in
            var items: [Item] = []
            items.reserveCapacity(batch.count)
            return items
        }
        for row in 0..<batch.count {
            for index in 0..<batch.entriesPerRow {
                let entry = batch.entries[row * batch.entriesPerRow + index]
                groups[index].append(
                    Item(
                        head: 0, ts: entry.ts, start: entry.key.start, count: entry.key.count,
                        reference: .init(row: Int32(row), entry: Int32(index))))
            }
        }
    }

    consuming func sorted() -> [PreparedOnlineBatch.EntryReference] {
        batch.bytes.withUnsafeBufferPointer { bytes in
            for group in groups.indices { Self.sort(&groups[group], in: bytes) }
            // Each index's entries start with its own prefix (table id, then the index name
            // after its length), none a prefix of another's: indexes do not interleave.
            groups.sort { a, b in
                guard let x = a.first, let y = b.first else { return a.count < b.count }
                return Self.compareTails(x, y, from: 0, in: bytes) < 0
            }
        }
        var order: [PreparedOnlineBatch.EntryReference] = []
        order.reserveCapacity(batch.entries.count)
        for group in groups { for item in group { order.append(item.reference) } }
        return order
    }

    private static func sort(_ items: inout [Item], in bytes: UnsafeBufferPointer<UInt8>) {
        let shared = sharedPrefix(items, in: bytes)
        for i in items.indices {
            var head: UInt64 = 0
            let start = items[i].start + shared
            let end = items[i].start + items[i].count
            for offset in 0..<8 {
                head <<= 8
                if start + offset < end { head |= UInt64(bytes[start + offset]) }
            }
            items[i].head = head
        }
        let tail = shared + 8
        items.sort { a, b in
            if a.head != b.head { return a.head < b.head }
            let order = compareTails(a, b, from: tail, in: bytes)
            if order != 0 { return order < 0 }
            // Same key: newer TS first (the TS is stored inverted), then the later row first
            // (its seq is larger, stored inverted too).
            if a.ts != b.ts { return a.ts > b.ts }
            return a.reference.row > b.reference.row
        }
    }

    /// The length of the prefix every key of `items` shares.
    private static func sharedPrefix(_ items: [Item], in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        guard let first = items.first else { return 0 }
        var shared = first.count
        for item in items.dropFirst() where shared > 0 {
            var i = 0
            let limit = min(shared, item.count)
            while i < limit, bytes[item.start + i] == bytes[first.start + i] { i += 1 }
            shared = i
        }
        return shared
    }

    /// Byte-wise order (as RocksDB's default comparator) of two keys whose first `from`
    /// bytes are equal or zero-padded alike: the rest, then the shorter key first.
    private static func compareTails(_ a: Item, _ b: Item, from: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        if a.count > from, b.count > from, let base = bytes.baseAddress {
            let order = memcmp(base + a.start + from, base + b.start + from, min(a.count, b.count) - from)
            if order != 0 { return order }
        } else if a.count != b.count {
            // One key ends within the 8 summarized bytes, where it was padded with zeros:
            // compare those bytes for real.
            let limit = min(a.count, b.count)
            var i = max(0, from - 8)
            while i < limit {
                let x = bytes[a.start + i]
                let y = bytes[b.start + i]
                if x != y { return x < y ? -1 : 1 }
                i += 1
            }
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }
}
