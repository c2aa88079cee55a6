import Glibc
import TideCore

/// One row checked against its table and encoded for `OnlineStore.insert(_:tableID:also:sync:)`:
/// the row-log value and one key prefix and TS per index.
public struct PreparedOnlineRow: Sendable {
    /// The row as given.
    public let values: [Value]
    let encoded: [UInt8]
    let entries: [(key: [UInt8], ts: Int64)]
}

/// Checks and encodes rows of one table definition for the online store. A writer that
/// validates rows one by one (a Kafka source rejecting bad messages) prepares each row and
/// commits the good ones together.
public struct OnlineRowEncoder: Sendable {
    public let table: TableDef
    let codec: RowCodec
    let layouts: [IndexLayout]
    private let notNull: [Int]

    /// - Throws: `42704`/`42804` if an index names a missing column or a TS column of a wrong type.
    public init(table: TableDef, tableID: UInt32) throws {
        self.table = table
        codec = RowCodec(table)
        layouts = try IndexLayout.all(of: table, tableID: tableID)
        notNull = table.columns.indices.filter { table.columns[$0].notNull }
    }

    /// `row` checked and encoded.
    /// - Throws: `42804` for a row of the wrong width or a value of the wrong type, `23502`
    ///   for a NULL in a NOT NULL or index TS column.
    public func prepare(_ row: [Value]) throws -> PreparedOnlineRow {
        let encoded = try codec.encode(row)
        for position in notNull where row[position].isNull {
            throw TideError.onlineNullValue(column: table.columns[position].name)
        }
        let entries = try layouts.map { layout in
            (key: try layout.keyPrefix(layout.keyPositions.map { row[$0] }), ts: try layout.ts(of: row))
        }
        return PreparedOnlineRow(values: row, encoded: encoded, entries: entries)
    }
}

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
        if order.count > 16 {
            order.sort { a, b in
                let x = rows[Int(a.row)].entries[Int(a.entry)]
                let y = rows[Int(b.row)].entries[Int(b.entry)]
                switch Self.compare(x.key, y.key) {
                case .lessThan: return true
                case .greaterThan: return false
                case .equal:
                    // Same key: newer TS first (the TS is stored inverted), then the later row
                    // first (its seq is larger, stored inverted too).
                    if x.ts != y.ts { return x.ts > y.ts }
                    return a.row > b.row
                }
            }
        }
        entryOrder = order
    }

    private enum Order { case lessThan, equal, greaterThan }

    /// Byte-wise order, as RocksDB's default comparator orders keys.
    private static func compare(_ a: [UInt8], _ b: [UInt8]) -> Order {
        a.withUnsafeBufferPointer { x in
            b.withUnsafeBufferPointer { y in
                let common = min(x.count, y.count)
                if common > 0, let xb = x.baseAddress, let yb = y.baseAddress {
                    let order = memcmp(xb, yb, common)
                    if order != 0 { return order < 0 ? .lessThan : .greaterThan }
                }
                return x.count == y.count ? .equal : (x.count < y.count ? .lessThan : .greaterThan)
            }
        }
    }
}
