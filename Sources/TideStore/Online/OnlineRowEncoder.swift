import TideCore

/// Checks and encodes rows of one table definition into a `PreparedOnlineBatch` for the
/// online store. A writer that validates rows one by one (a Kafka source rejecting bad
/// messages) appends each row and commits the batch of good ones together.
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

    /// An empty batch for this table, with room for `rows` rows.
    public func makeBatch(reservingRows rows: Int = 0) -> PreparedOnlineBatch {
        PreparedOnlineBatch(indexes: layouts.count, reservingRows: rows)
    }

    /// Checks `row` and encodes it into `batch` (a batch of this encoder's table).
    /// - Throws: `42804` for a row of the wrong width or a value of the wrong type, `23502`
    ///   for a NULL in a NOT NULL or index TS column; `batch` is unchanged then.
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
                try layouts[index].appendKeyPrefix(of: row, to: &bytes)
                return try layouts[index].ts(of: row)
            })
    }
}
