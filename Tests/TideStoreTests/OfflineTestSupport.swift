import Foundation
import Glibc
import Testing
import TideCore
import TideStore

/// Writes `text` to `path` byte for byte.
func writeText(_ text: String, to path: String) throws {
    try Data(text.utf8).write(to: URL(fileURLWithPath: path))
}

/// A table in database `db` with the given `name type` columns.
func makeTable(_ columns: [(String, DataType)], name: String = "t", notNull: Set<String> = []) -> TableDef {
    TableDef(
        database: "db", name: name,
        columns: columns.map { ColumnDef(name: $0.0, type: $0.1, notNull: notNull.contains($0.0)) })
}

/// All rows an iterator yields, as `rows[r][c]`.
func drain(_ iterator: inout some BatchIterator) throws -> [[Value]] {
    var rows: [[Value]] = []
    while let batch = try iterator.next() {
        for r in 0..<batch.count { rows.append(batch.row(r)) }
    }
    return rows
}

/// All rows of a CSV file read for `table`.
func readCSV(_ path: String, _ table: TableDef, _ options: CSVOptions = CSVOptions(), batchSize: Int = 3) throws
    -> [[Value]]
{
    var reader = try CSVReader(path: path, table: table, options: options, batchSize: batchSize)
    return try drain(&reader)
}

/// All rows of an offline source.
func readSource(_ source: OfflineTableSource, batchSize: Int = 1000) throws -> [[Value]] {
    var iterator = try source.scan(batchSize: batchSize)
    var rows: [[Value]] = []
    while let batch = try iterator.next() {
        for r in 0..<batch.count { rows.append(batch.row(r)) }
    }
    return rows
}

/// The error `body` throws, as a TideError (nil if it throws nothing or something else).
func tideError(_ body: () throws -> Void) -> TideError? {
    do {
        try body()
        return nil
    } catch let error as TideError {
        return error
    } catch {
        return nil
    }
}

/// Equality that treats NaN as equal to NaN (for round-trip checks).
func sameValues(_ a: [[Value]], _ b: [[Value]]) -> Bool {
    guard a.count == b.count else { return false }
    for (x, y) in zip(a, b) {
        guard x.count == y.count else { return false }
        for (u, v) in zip(x, y) {
            switch (u, v) {
            case (.double(let p), .double(let q)) where p.isNaN && q.isNaN: continue
            case (.float(let p), .float(let q)) where p.isNaN && q.isNaN: continue
            case (.double(let p), .double(let q)): if p.bitPattern != q.bitPattern { return false }
            case (.float(let p), .float(let q)): if p.bitPattern != q.bitPattern { return false }
            default: if u != v { return false }
            }
        }
    }
    return true
}
