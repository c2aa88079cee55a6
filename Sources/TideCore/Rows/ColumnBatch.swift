/// A batch of rows stored column by column: `columns[c][r]` is row `r`'s value of column `c`.
/// The offline engine moves data in batches; expressions evaluate a whole column at a time.
public struct ColumnBatch: Sendable, Hashable {
    public var columns: [[Value]]
    public var count: Int

    public init(columns: [[Value]], count: Int) {
        self.columns = columns
        self.count = count
    }

    /// A batch from rows (`rows[r][c]`) with `width` columns.
    public init(rows: [[Value]], width: Int) {
        var columns = Array(repeating: [Value](), count: width)
        for c in 0..<width {
            columns[c].reserveCapacity(rows.count)
            for row in rows { columns[c].append(c < row.count ? row[c] : .null) }
        }
        self.columns = columns
        self.count = rows.count
    }

    /// Row `r` as an array of values.
    public func row(_ r: Int) -> [Value] { columns.map { $0[r] } }
}
