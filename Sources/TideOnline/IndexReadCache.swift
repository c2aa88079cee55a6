import TideCore

/// The index reads of one request, kept so that windows over the same index and key share
/// one scan: a read without a row limit serves any later read of a range it covers (its rows
/// filtered to the range, then cut to the limit), and a limited read that it holds enough
/// rows for. Rows are in index order (TS descending, then seq descending), as
/// `IndexReader.rows` returns them. One request at a time; not shared between threads.
final class IndexReadCache {
    private struct Key: Hashable {
        var database: String
        var table: String
        var index: String
        var key: [Value]
    }

    private struct Entry {
        var from: Int64?
        var to: Int64?
        var rows: [StoredRow]
    }

    private struct ColumnsEntry {
        var from: Int64?
        var to: Int64?
        var columns: IndexColumns
    }

    private var entries: [Key: Entry] = [:]
    private var columnEntries: [Key: ColumnsEntry] = [:]

    /// `rows(...)` held column by column (`IndexColumns`): the rows of an earlier unlimited
    /// read of a covering range that decoded at least the `wanted` columns (not copied), else
    /// `read`.
    func columns(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, wanted: [Bool],
        read: () throws -> IndexColumns
    ) rethrows -> IndexColumnsView {
        let cacheKey = Key(database: table.database, table: table.name, index: index, key: key)
        if let entry = columnEntries[cacheKey], entry.columns.holds(wanted),
            let range = Self.serve(
                entry.columns.ts, from: from, to: to, limit: limit, entryFrom: entry.from, entryTo: entry.to)
        {
            return IndexColumnsView(entry.columns, range: range)
        }
        let columns = try read()
        let previous = columnEntries[cacheKey]
        if limit == nil, Self.wider(from: from, to: to, than: previous.map { ($0.from, $0.to) }) {
            columnEntries[cacheKey] = ColumnsEntry(from: from, to: to, columns: columns)
        }
        return IndexColumnsView(columns)
    }

    /// Which of an entry's rows (TS `ts`, newest first, read for `[entryFrom, entryTo]`) a read
    /// of `[from, to]` with `limit` returns, or nil when the entry cannot tell them all.
    private static func serve(
        _ ts: [Int64], from: Int64?, to: Int64?, limit: Int?, entryFrom: Int64?, entryTo: Int64?
    ) -> Range<Int>? {
        if let entryTo, to.map({ $0 > entryTo }) ?? true { return nil }
        let coversStart = entryFrom.map { start in from.map { $0 >= start } ?? false } ?? true
        var start = 0
        if let to { while start < ts.count, ts[start] > to { start += 1 } }
        var end = start
        while end < ts.count {
            if let from, ts[end] < from { break }
            end += 1
            if let limit, end - start == limit { return start..<end }
        }
        return coversStart ? start..<end : nil
    }

    /// The rows of `index` for `key` with TS in `[from, to]`, newest first, at most `limit`;
    /// `read` runs only when no earlier unlimited read covers them. `tsPosition` is the
    /// index's TS column in a row (nil: the index has no TS, and nothing is shared).
    func rows(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, tsPosition: Int?,
        read: () throws -> [StoredRow]
    ) rethrows -> [StoredRow] {
        guard let tsPosition else { return try read() }
        let cacheKey = Key(database: table.database, table: table.name, index: index, key: key)
        if let entry = entries[cacheKey],
            let range = Self.serve(
                entry.rows.map { $0.values[tsPosition].int64Value ?? 0 }, from: from, to: to, limit: limit,
                entryFrom: entry.from, entryTo: entry.to)
        {
            return Array(entry.rows[range])
        }
        let rows = try read()
        if limit == nil, Self.wider(from: from, to: to, than: entries[cacheKey].map { ($0.from, $0.to) }) {
            entries[cacheKey] = Entry(from: from, to: to, rows: rows)
        }
        return rows
    }

    /// Whether a read of `[from, to]` reaches at least as far both ways as `entry`.
    private static func wider(from: Int64?, to: Int64?, than entry: (from: Int64?, to: Int64?)?) -> Bool {
        guard let entry else { return true }
        let olderOrSame = from.map { f in entry.from.map { f <= $0 } ?? false } ?? true
        let newerOrSame = to.map { t in entry.to.map { t >= $0 } ?? false } ?? true
        return olderOrSame && newerOrSame
    }
}
