import TideCore

/// Reads a PostgreSQL table or query as batches of rows of a TideDB table, streamed with
/// `COPY (SELECT ...) TO STDOUT (FORMAT binary)` (`LOAD DATA ... format='postgresql'`).
///
/// The table's columns are selected by name from the source, each cast to the PostgreSQL
/// type TideDB reads it as (`PostgresTypes`); the source's types are checked first, so a
/// text column never silently becomes a number.
public final class PostgresTableReader {
    /// Rows returned so far.
    public private(set) var rowsRead: Int64 = 0

    private let connection: PostgresConnection
    private let table: TableDef
    private let batchSize: Int
    private var buffer: [UInt8] = []
    private var position = 0
    private var headerRead = false
    private var finished = false

    /// Connects to `url` and starts copying `sourceTable` or the rows of `query`.
    /// - Throws: 22023 unless exactly one of them is given, 42703 if the source lacks a table
    ///   column, 42804 for a column of a type that cannot fill the table's, PostgreSQL's own
    ///   errors (with their SQLSTATE) otherwise.
    public init(url: String, sourceTable: String?, query: String?, table: TableDef, batchSize: Int = 8192) throws {
        let source: String
        switch (sourceTable, query) {
        case (let name?, nil): source = "SELECT * FROM \(PostgresTypes.quotedTable(name))"
        case (nil, let query?): source = query
        default:
            throw TideError(
                .invalidParameterValue, "LOAD DATA from PostgreSQL needs exactly one of the options table and query")
        }
        self.table = table
        self.batchSize = max(1, batchSize)
        connection = try PostgresConnection(url: url)
        let columns = try connection.describe(source)
        var selected: [String] = []
        for column in table.columns {
            let matches = columns.filter { $0.name.lowercased() == column.name.lowercased() }
            guard let match = matches.first(where: { $0.name == column.name }) ?? matches.first else {
                throw TideError(
                    .undefinedColumn, "the PostgreSQL source has no column \"\(column.name)\"",
                    hint: "its columns are " + columns.map(\.name).joined(separator: ", "))
            }
            guard PostgresTypes.canRead(match.oid, into: column.type) else {
                throw TideError(
                    .datatypeMismatch,
                    "PostgreSQL column \"\(match.name)\" is \(PostgresTypes.describe(match.oid)), "
                        + "which cannot be loaded into \(column.type) column \"\(column.name)\"")
            }
            selected.append("\(PostgresTypes.quoted(match.name))::\(PostgresTypes.sqlName(column.type))")
        }
        try connection.beginCopyOut(
            "COPY (SELECT \(selected.joined(separator: ", ")) FROM (\(source)) AS tide_source) TO STDOUT (FORMAT binary)"
        )
    }

    /// The next batch of up to `batchSize` rows, or nil at the end.
    public func next() throws -> ColumnBatch? {
        guard !finished else { return nil }
        var columns = Array(repeating: [Value](), count: table.columns.count)
        var rows = 0
        while rows < batchSize {
            guard try ensure(2) else {
                finished = true
                break
            }
            if !headerRead {
                guard try ensure(PostgresBinaryCopy.header.count) else { throw truncated() }
                guard Array(buffer[position..<position + 11]) == PostgresBinaryCopy.signature else {
                    throw TideError("22P04", "PostgreSQL sent COPY data without the binary signature")
                }
                position += 15
                guard try ensure(4) else { throw truncated() }
                let extensionLength = Int(readBE(UInt32.self))
                guard try ensure(extensionLength) else { throw truncated() }
                position += extensionLength
                headerRead = true
                continue
            }
            let fieldCount = Int16(bitPattern: readBE(UInt16.self))
            if fieldCount == -1 {
                finished = true
                while try connection.copyOutChunk(into: &buffer) {}
                break
            }
            guard Int(fieldCount) == columns.count else {
                throw TideError("22P04", "PostgreSQL sent \(fieldCount) fields for \(columns.count) columns")
            }
            for c in 0..<columns.count {
                guard try ensure(4) else { throw truncated() }
                let length = Int32(bitPattern: readBE(UInt32.self))
                if length < 0 {
                    if table.columns[c].notNull {
                        throw TideError(
                            "23502",
                            "NULL for NOT NULL column \"\(table.columns[c].name)\" in row \(rowsRead + Int64(rows) + 1) "
                                + "from PostgreSQL")
                    }
                    columns[c].append(.null)
                    continue
                }
                guard try ensure(Int(length)) else { throw truncated() }
                let value = try buffer.withUnsafeBytes { raw in
                    try PostgresBinaryCopy.readField(
                        UnsafeRawBufferPointer(rebasing: raw[position..<position + Int(length)]),
                        type: table.columns[c].type)
                }
                columns[c].append(value)
                position += Int(length)
            }
            rows += 1
        }
        guard rows > 0 else { return nil }
        rowsRead += Int64(rows)
        return ColumnBatch(columns: columns, count: rows)
    }

    /// Makes `n` unread bytes available; false if the data ends first.
    private func ensure(_ n: Int) throws -> Bool {
        while buffer.count - position < n {
            if position > 0 {
                buffer.removeSubrange(0..<position)
                position = 0
            }
            if finished { return false }
            guard try connection.copyOutChunk(into: &buffer) else {
                finished = true
                return buffer.count - position >= n
            }
        }
        return true
    }

    private func readBE<T: FixedWidthInteger>(_: T.Type) -> T {
        let value = buffer.withUnsafeBytes { T(bigEndian: $0.loadUnaligned(fromByteOffset: position, as: T.self)) }
        position += MemoryLayout<T>.size
        return value
    }

    private func truncated() -> TideError {
        TideError("22P04", "the COPY data from PostgreSQL ended in the middle of a row")
    }
}
