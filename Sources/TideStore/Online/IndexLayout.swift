import TideCore

/// An index resolved against its table: the column positions and types its entries are built
/// from, and the prefix of its key space. Computed once per operation, not per row.
struct IndexLayout: Sendable {
    /// The index as defined.
    let definition: IndexDef
    /// The positions of the key columns in a row, in the index's key column order.
    let keyPositions: [Int]
    /// The types of the key columns.
    let keyTypes: [DataType]
    /// The names of the key columns (for error messages).
    let keyNames: [String]
    /// The position of the TS column, or nil if the index orders by insertion (ts = 0).
    let tsPosition: Int?
    /// `IndexKey.indexPrefix` of this index.
    let prefix: [UInt8]

    /// Resolves `index` against `table`'s columns.
    /// - Throws: `42703` for a column the table lacks; `42804` for a TS column that is not an
    ///   integer or timestamp column.
    init(_ index: IndexDef, table: TableDef, tableID: UInt32) throws {
        var positions: [Int] = []
        for name in index.keyColumns {
            guard let position = table.columnIndex(name) else {
                throw TideError.onlineUnknownIndexColumn(index: index.name, column: name)
            }
            positions.append(position)
        }
        if let tsName = index.tsColumn {
            guard let position = table.columnIndex(tsName) else {
                throw TideError.onlineUnknownIndexColumn(index: index.name, column: tsName)
            }
            let type = table.columns[position].type
            switch type {
            case .int16, .int32, .int64, .timestamp: break
            case .bool, .float, .double, .string, .date:
                throw TideError.onlineTSColumnType(index: index.name, column: tsName, type)
            }
            self.tsPosition = position
        } else {
            self.tsPosition = nil
        }
        self.definition = index
        self.keyPositions = positions
        self.keyTypes = positions.map { table.columns[$0].type }
        self.keyNames = positions.map { table.columns[$0].name }
        self.prefix = IndexKey.indexPrefix(tableID: tableID, indexName: index.name)
    }

    /// The layouts of every index of `table`.
    static func all(of table: TableDef, tableID: UInt32) throws -> [IndexLayout] {
        try table.indexes.map { try IndexLayout($0, table: table, tableID: tableID) }
    }

    /// The prefix of the entries whose key columns equal `key` (in key column order).
    /// - Throws: `42804` for a wrong number of values or a value of an incomparable type.
    func keyPrefix(_ key: [Value]) throws -> [UInt8] {
        guard key.count == keyPositions.count else {
            throw TideError.onlineKeyCount(index: definition.name, expected: keyPositions.count, found: key.count)
        }
        var bytes = prefix
        bytes.reserveCapacity(prefix.count + key.count * 9 + IndexKey.suffixLength)
        try IndexKey.appendKey(key, types: keyTypes, columns: keyNames, to: &bytes)
        return bytes
    }

    /// Appends the prefix of `row`'s entries (the index prefix, then `row`'s key columns) to
    /// `bytes`.
    /// - Throws: `42804` for a key value of an incomparable type.
    func appendKeyPrefix(of row: [Value], to bytes: inout [UInt8]) throws {
        bytes.append(contentsOf: prefix)
        try IndexKey.appendKey(of: row, positions: keyPositions, types: keyTypes, columns: keyNames, to: &bytes)
    }

    /// The index TS of `row`: its TS column, or 0 for an index without one.
    /// - Throws: `23502` if the TS column is NULL.
    func ts(of row: [Value]) throws -> Int64 {
        guard let tsPosition else { return 0 }
        switch row[tsPosition] {
        case .int16(let v): return Int64(v)
        case .int32(let v): return Int64(v)
        case .int64(let v), .timestamp(let v): return v
        case .null: throw TideError.onlineNullValue(column: definition.tsColumn ?? "")
        case .bool, .float, .double, .string, .date, .array, .map:
            throw TideError.onlineValueType(
                column: definition.tsColumn ?? "", .timestamp, row[tsPosition])
        }
    }

    /// The full key of the entry of `row` (a row of the table, already type-checked) with `seq`.
    func entryKey(_ row: [Value], seq: UInt64) throws -> [UInt8] {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(prefix.count + keyPositions.count * 9 + IndexKey.suffixLength)
        try appendKeyPrefix(of: row, to: &bytes)
        IndexKey.appendSuffix(ts: try ts(of: row), seq: seq, to: &bytes)
        return bytes
    }
}
