import Glibc

/// Prepared rows of one table and the order in which their index entries reach RocksDB: key
/// order, which the entries' final keys (prefix, inverted TS, inverted seq) will have once
/// seqs are given, since seqs grow with the row's place. Computing it is the expensive part
/// of a large write, so a writer that can (a Kafka source) does it before taking the store's
/// writer lock.
public struct PreparedOnlineBatch: Sendable {
    /// One index entry of one row.
    struct EntryReference: Sendable {
        let row: Int32
        let entry: Int32
    }

    public let rows: [PreparedOnlineRow]
    let entryOrder: [EntryReference]

    public init(_ rows: [PreparedOnlineRow]) {
        self.rows = rows
        var order: [EntryReference] = []
        order.reserveCapacity(rows.count * (rows.first?.entries.count ?? 0))
        for (row, prepared) in rows.enumerated() {
            for entry in prepared.entries.indices { order.append(EntryReference(row: Int32(row), entry: Int32(entry))) }
        }
        entryOrder = order.count > 16 ? EntrySorter(rows: rows, references: order).sorted() : order
    }
}

/// Sorts a batch's index entries into RocksDB's byte order of their final keys without
/// touching the rows' arrays in the comparison: every key prefix is copied into one arena;
/// the entries of each index (which share the index's key prefix) are sorted apart, each
/// summarized by its 8 bytes after the prefix its index's keys share (big-endian, so integer
/// order is byte order); only entries whose 8 bytes tie compare their remaining bytes.
private struct EntrySorter {
    private struct Item {
        var head: UInt64
        var ts: Int64
        var start: Int32
        var count: Int32
        var reference: PreparedOnlineBatch.EntryReference
    }

    private var arena: [UInt8] = []
    /// The entries of each index, by the entry's place in its row.
    private var groups: [[Item]] = []

    init(rows: [PreparedOnlineRow], references: [PreparedOnlineBatch.EntryReference]) {
        for reference in references {
            let entry = rows[Int(reference.row)].entries[Int(reference.entry)]
            let group = Int(reference.entry)
            while groups.count <= group { groups.append([]) }
            groups[group].append(
                Item(
                    head: 0, ts: entry.ts, start: Int32(arena.count), count: Int32(entry.key.count),
                    reference: reference))
            arena.append(contentsOf: entry.key)
        }
    }

    consuming func sorted() -> [PreparedOnlineBatch.EntryReference] {
        arena.withUnsafeBufferPointer { bytes in
            for group in groups.indices { Self.sort(&groups[group], in: bytes) }
            // Each index's entries start with its own prefix (table id, then the index name
            // after its length), none a prefix of another's: indexes do not interleave.
            groups.sort { a, b in
                guard let x = a.first, let y = b.first else { return a.count < b.count }
                return Self.compareTails(x, y, from: 0, in: bytes) < 0
            }
        }
        return groups.flatMap { $0.map(\.reference) }
    }

    private static func sort(_ items: inout [Item], in bytes: UnsafeBufferPointer<UInt8>) {
        let shared = sharedPrefix(items, in: bytes)
        for i in items.indices {
            var head: UInt64 = 0
            let start = Int(items[i].start) + shared
            let end = Int(items[i].start) + Int(items[i].count)
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
        var shared = Int(first.count)
        for item in items.dropFirst() where shared > 0 {
            var i = 0
            let limit = min(shared, Int(item.count))
            while i < limit, bytes[Int(item.start) + i] == bytes[Int(first.start) + i] { i += 1 }
            shared = i
        }
        return shared
    }

    /// Byte-wise order (as RocksDB's default comparator) of two keys whose first `from`
    /// bytes are equal or zero-padded alike: the rest, then the shorter key first.
    private static func compareTails(_ a: Item, _ b: Item, from: Int, in bytes: UnsafeBufferPointer<UInt8>) -> Int32 {
        let countA = Int(a.count)
        let countB = Int(b.count)
        if countA > from, countB > from, let base = bytes.baseAddress {
            let order = memcmp(base + Int(a.start) + from, base + Int(b.start) + from, min(countA, countB) - from)
            if order != 0 { return order }
        } else if countA != countB {
            // One key ends within the 8 summarized bytes, where it was padded with zeros:
            // compare those bytes for real.
            let limit = min(countA, countB)
            var i = max(0, from - 8)
            while i < limit {
                let x = bytes[Int(a.start) + i]
                let y = bytes[Int(b.start) + i]
                if x != y { return x < y ? -1 : 1 }
                i += 1
            }
        }
        return countA == countB ? 0 : (countA < countB ? -1 : 1)
    }
}
