import TideCore

/// The `input` rows of a deployment request, converted to request-table rows. Rows are
/// all arrays (values in column order) or all objects (values by column name, extra keys
/// ignored); the reply uses the same shape.
enum RequestRowDecoder {
    /// How the client wrote its rows.
    enum Shape: Sendable, Hashable {
        case arrays
        case objects
    }

    /// Decodes `rows` for `table`.
    /// - Throws: `APIFailure` naming the row and column that does not fit.
    static func decode(_ rows: [RequestJSON], table: TableDef) throws -> (rows: [[Value]], shape: Shape) {
        guard let first = rows.first else { throw APIFailure("Field input is invalid: it needs at least one row") }
        let shape: Shape = first.isObject ? .objects : .arrays
        var decoded: [[Value]] = []
        decoded.reserveCapacity(rows.count)
        for (index, row) in rows.enumerated() {
            switch (row, shape) {
            case (.array(let values), .arrays):
                decoded.append(try decodeArray(values, row: index, table: table))
            case (.object, .objects):
                decoded.append(try decodeObject(row, row: index, table: table))
            case (.array, .objects), (.object, .arrays):
                throw APIFailure("Rows must all be arrays or all objects, row \(index) differs from row 0")
            case (.null, _), (.bool, _), (.integer, _), (.double, _), (.string, _):
                throw APIFailure("Must be array or map, row \(index)")
            }
        }
        return (decoded, shape)
    }

    private static func decodeArray(_ values: [RequestJSON], row: Int, table: TableDef) throws -> [Value] {
        guard values.count == table.columns.count else {
            throw APIFailure(
                "Invalid input data size in row \(row): \(table.name) has \(table.columns.count) columns, "
                    + "got \(values.count) values")
        }
        return try zip(values, table.columns).map { json, column in
            try decode(json, column: column, row: row, shape: "array")
        }
    }

    private static func decodeObject(_ object: RequestJSON, row: Int, table: TableDef) throws -> [Value] {
        try table.columns.map { column in
            guard let json = object[column.name] else {
                throw APIFailure("Translate to request row failed in map row \(row), can't find \(column.name)")
            }
            return try decode(json, column: column, row: row, shape: "map")
        }
    }

    private static func decode(_ json: RequestJSON, column: ColumnDef, row: Int, shape: String) throws -> Value {
        switch RequestValueDecoder.value(json, type: column.type, notNull: column.notNull) {
        case .success(let value): return value
        case .failure(let mismatch):
            throw APIFailure(
                "Translate to request row failed in \(shape) row \(row), "
                    + "trans \(column.name)[\(column.type)] failed: \(mismatch.reason)")
        }
    }
}
