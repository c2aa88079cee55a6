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

    /// An empty batch for this table, with room for `rows` rows.
    public func makeBatch(reservingRows rows: Int = 0) -> PreparedOnlineBatch {
        PreparedOnlineBatch(indexes: layouts.count, reservingRows: rows)
    }

    /// Checks `row` and encodes it into `batch` (a batch of this encoder's table).
    /// - Throws: as `prepare(_:)`; `batch` is unchanged then.
    public func append(_ row: [Value], to batch: inout PreparedOnlineBatch) throws {
        try batch.append(
            row,
            encode: { bytes in
                try codec.encode(row, into: &bytes)
                for position in notNull where row[position].isNull {
                    throw TideError.onlineNullValue(column: table.columns[position].name)
                }
            },
            entry: { index, bytes in
                let layout = layouts[index]
                bytes.append(contentsOf: layout.prefix)
                try IndexKey.appendKey(
                    of: row, positions: layout.keyPositions, types: layout.keyTypes, columns: layout.keyNames,
                    to: &bytes)
                return try layout.ts(of: row)
            })
    }
}
