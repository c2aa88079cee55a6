import TideCore

/// Counts written rows that are already past an index's absolute TTL when they are written
/// (an old CSV loaded into a table that keeps 10 minutes): they are stored, but no read
/// through that index ever sees them, so INSERT and LOAD DATA say so instead of reporting
/// them loaded and letting them vanish.
struct ExpiredRowCounter {
    let table: TableDef
    let now: Int64
    private var expired: [Int]
    private(set) var total = 0

    init(table: TableDef, now: Int64) {
        self.table = table
        self.now = now
        self.expired = Array(repeating: 0, count: table.indexes.count)
    }

    mutating func add(_ rows: [[Value]]) {
        total += rows.count
        for (i, index) in table.indexes.enumerated() {
            guard let ts = index.tsColumn.flatMap(table.columnIndex) else { continue }
            for row in rows {
                if let t = row[ts].int64Value, index.ttl.expiresByAge(ts: t, now: now) { expired[i] += 1 }
            }
        }
    }

    /// One warning per index that has such rows.
    var warnings: [String] {
        table.indexes.enumerated().compactMap { i, index in
            guard expired[i] > 0 else { return nil }
            return "\(expired[i]) of \(total) rows are already past the TTL of index \(table.name).\(index.name) "
                + "(\(index.ttl)): they are not visible through it"
        }
    }
}
