import TideCore

/// Tables held in memory and read the way the online store reads them: by index key, TS
/// range and limit, newest first (TS descending, then seq descending). No TTL.
public struct InMemoryIndexReader: IndexReader {
    public var tables: [String: [StoredRow]]

    public init(tables: [String: [[Value]]] = [:]) {
        self.tables = tables.mapValues { rows in rows.enumerated().map { StoredRow(values: $1, seq: UInt64($0)) } }
    }

    public mutating func insert(_ row: [Value], into table: String) {
        let seq = UInt64(tables[table]?.count ?? 0)
        tables[table, default: []].append(StoredRow(values: row, seq: seq))
    }

    public func allRows(table: TableDef) throws -> [StoredRow] { tables[table.name] ?? [] }

    public func rows(table: TableDef, index: String, key: [Value], from: Int64?, to: Int64?, limit: Int?) throws
        -> [StoredRow]
    {
        guard let definition = table.indexes.first(where: { $0.name == index }) else {
            throw TideError(.undefinedObject, "no index \(index) on \(table.name)")
        }
        return StoredRow.indexRead(
            tables[table.name] ?? [], keyPositions: definition.keyColumns.compactMap { table.columnIndex($0) },
            key: key, tsPosition: definition.tsColumn.flatMap { table.columnIndex($0) }, from: from, to: to,
            limit: limit)
    }
}
