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

    private var entries: [Key: Entry] = [:]

    /// The rows of `index` for `key` with TS in `[from, to]`, newest first, at most `limit`;
    /// `read` runs only when no earlier unlimited read covers them. `tsPosition` is the
    /// index's TS column in a row (nil: the index has no TS, and nothing is shared).
    func rows(
        table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?, tsPosition: Int?,
        read: () throws -> [StoredRow]
    ) rethrows -> [StoredRow] {
        guard let tsPosition else { return try read() }
        let cacheKey = Key(database: table.database, table: table.name, index: index, key: key)
        if let entry = entries[cacheKey], let rows = Self.serve(entry, from: from, to: to, limit: limit, tsPosition) {
            return rows
        }
        let rows = try read()
        if limit == nil, Self.wider(from: from, to: to, than: entries[cacheKey]) {
            entries[cacheKey] = Entry(from: from, to: to, rows: rows)
        }
        return rows
    }

    /// The rows `entry` holds for the range, or nil when it cannot tell them all.
    private static func serve(_ entry: Entry, from: Int64?, to: Int64?, limit: Int?, _ tsPosition: Int) -> [StoredRow]?
    {
        // The entry must reach at least as new as asked.
        if let entryTo = entry.to, to.map({ $0 > entryTo }) ?? true { return nil }
        let coversStart = entry.from.map { start in from.map { $0 >= start } ?? false } ?? true
        var rows: [StoredRow] = []
        for row in entry.rows {
            let ts = row.values[tsPosition].int64Value ?? 0
            if let to, ts > to { continue }
            if let from, ts < from { break }
            rows.append(row)
            if let limit, rows.count == limit { return rows }
        }
        // Fewer rows than the limit: only right when nothing older than the entry is asked.
        return coversStart ? rows : nil
    }

    /// Whether a read of `[from, to]` reaches at least as far both ways as `entry`.
    private static func wider(from: Int64?, to: Int64?, than entry: Entry?) -> Bool {
        guard let entry else { return true }
        let olderOrSame = from.map { f in entry.from.map { f <= $0 } ?? false } ?? true
        let newerOrSame = to.map { t in entry.to.map { t >= $0 } ?? false } ?? true
        return olderOrSame && newerOrSame
    }
}
