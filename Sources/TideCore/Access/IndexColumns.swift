/// The rows of one index read held column by column, newest first (TS descending, then seq
/// descending) as `IndexReader.rows` returns them, with only the columns asked for decoded:
/// a request's window reads hundreds of rows and uses a few of their columns.
public struct IndexColumns: Sendable {
    /// Per row: its index TS (0 for an index without a TS column) and its seq.
    public var ts: [Int64] = []
    public var seqs: [UInt64] = []
    /// Per table column, its values row by row; empty for a column not asked for.
    public var columns: [ColumnValues]
    /// Which columns were asked for (and are filled).
    public let wanted: [Bool]

    public var count: Int { seqs.count }

    /// No rows yet, with room for `wanted.count` columns.
    public init(wanted: [Bool]) {
        self.wanted = wanted
        self.columns = Array(repeating: .boxed([]), count: wanted.count)
    }

    /// The `wanted` columns of `rows`, whose index TS is column `tsPosition` (nil: 0).
    public init(rows: [StoredRow], wanted: [Bool], tsPosition: Int?) {
        self.init(wanted: wanted)
        ts.reserveCapacity(rows.count)
        seqs.reserveCapacity(rows.count)
        for row in rows {
            ts.append(tsPosition.flatMap { $0 < row.values.count ? row.values[$0].int64Value : nil } ?? 0)
            seqs.append(row.seq)
        }
        for c in wanted.indices where wanted[c] {
            columns[c] = .boxed(rows.map { c < $0.values.count ? $0.values[c] : .null })
        }
    }

    /// Whether every column `other` asks for is here.
    public func holds(_ other: [Bool]) -> Bool {
        other.count == wanted.count && zip(other, wanted).allSatisfy { !$0 || $1 }
    }

    /// Rows `range` of these (in the same order).
    public func slice(_ range: Range<Int>) -> IndexColumns {
        var out = IndexColumns(wanted: wanted)
        out.ts = Array(ts[range])
        out.seqs = Array(seqs[range])
        for c in wanted.indices where wanted[c] { out.columns[c] = columns[c].slice(range) }
        return out
    }

    /// These rows, then the rows of `other` (a read of the same columns).
    public func followed(by other: IndexColumns) -> IndexColumns {
        var out = IndexColumns(wanted: wanted)
        out.ts = ts + other.ts
        out.seqs = seqs + other.seqs
        let rows = (0..<count).map { (part: 0, row: $0) } + (0..<other.count).map { (part: 1, row: $0) }
        for c in wanted.indices where wanted[c] {
            out.columns[c] = ColumnValues.gathering([columns[c], other.columns[c]], rows)
        }
        return out
    }

    /// Appends row `r` of `other` (which holds at least these columns).
    public mutating func append(row r: Int, of other: IndexColumns) {
        ts.append(other.ts[r])
        seqs.append(other.seqs[r])
        for c in wanted.indices where wanted[c] { columns[c].append(other.columns[c].value(r)) }
    }
}

/// Rows `range` of an index read (`IndexColumns`, same order), without copying them: windows
/// over one index and key share the widest read and each takes its own rows of it.
public struct IndexColumnsView: Sendable {
    public var read: IndexColumns
    public var range: Range<Int>

    /// All of `read`.
    public init(_ read: IndexColumns) {
        self.init(read, range: 0..<read.count)
    }

    public init(_ read: IndexColumns, range: Range<Int>) {
        self.read = read
        self.range = range
    }

    public var count: Int { range.count }

    /// The rows as a read of their own (a copy unless they are the whole read).
    public var rows: IndexColumns {
        range == 0..<read.count ? read : read.slice(range)
    }
}

extension IndexReader {
    /// `rows(...)` column by column; readers that can decode only the wanted columns do so.
    public func columns(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, wanted: [Bool]
    ) throws -> IndexColumns {
        let rows = try rows(table: table, index: index, key: key, from: from, to: to, limit: limit)
        let tsColumn = table.indexes.first { $0.name.lowercased() == index.lowercased() }?.tsColumn
        return IndexColumns(rows: rows, wanted: wanted, tsPosition: tsColumn.flatMap { table.columnIndex($0) })
    }
}
