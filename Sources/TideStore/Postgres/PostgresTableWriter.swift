import Foundation
import TideCore

/// Writes rows to a PostgreSQL table with `COPY ... FROM STDIN (FORMAT binary)`, all in one
/// transaction (`SELECT ... INTO OUTFILE 'postgresql://...' OPTIONS (format='postgresql')`).
///
/// A missing table is created with the types `PostgresTypes` maps to; an existing one must
/// have every output column, of exactly that type. `error_if_exists` refuses a table that
/// has rows, `overwrite` empties it first, `append` adds. Nothing is visible to other
/// sessions until `finish()` commits; any failure rolls back.
public final class PostgresTableWriter {
    private let connection: PostgresConnection
    private let types: [DataType]
    private var buffer: [UInt8] = []
    private var done = false

    public init(url: String, table: String?, columns: [(name: String, type: DataType)], mode: CSVWriteMode) throws {
        guard let table, !table.isEmpty else {
            throw TideError(.invalidParameterValue, "INTO OUTFILE to PostgreSQL needs the option table='name'")
        }
        types = columns.map(\.type)
        connection = try PostgresConnection(url: url)
        let target = PostgresTypes.quotedTable(table)
        do {
            try connection.execute("BEGIN")
            let exists = try connection.execute("SELECT to_regclass('\(Self.literal(target))') IS NOT NULL")
            if exists.first?.first == "t" {
                let existing = try connection.execute(
                    "SELECT a.attname, a.atttypid FROM pg_attribute a "
                        + "WHERE a.attrelid = to_regclass('\(Self.literal(target))') AND a.attnum > 0 AND NOT a.attisdropped"
                )
                var types: [String: UInt32] = [:]
                for row in existing {
                    if let name = row[0], let oid = row[1].flatMap(UInt32.init) { types[name] = oid }
                }
                for column in columns {
                    guard let oid = types[column.name] else {
                        throw TideError(
                            .undefinedColumn, "PostgreSQL table \(table) has no column \"\(column.name)\"",
                            hint: "add it, write to a new table, or name the result columns as the table's")
                    }
                    guard oid == PostgresTypes.oid(column.type) else {
                        throw TideError(
                            .datatypeMismatch,
                            "PostgreSQL column \"\(column.name)\" is \(PostgresTypes.describe(oid)); TideDB writes "
                                + "\(column.type) as \(PostgresTypes.sqlName(column.type))",
                            hint: "change the column's type, or cast in the query")
                    }
                }
                switch mode {
                case .errorIfExists:
                    let rows = try connection.execute("SELECT EXISTS (SELECT 1 FROM \(target))")
                    if rows.first?.first == "t" {
                        throw TideError(
                            .duplicateTable, "PostgreSQL table \(table) already has rows",
                            hint: "use mode='append' to add to them or mode='overwrite' to replace them")
                    }
                case .overwrite: try connection.execute("TRUNCATE \(target)")
                case .append: break
                }
            } else {
                let definitions = columns.map { "\(PostgresTypes.quoted($0.name)) \(PostgresTypes.sqlName($0.type))" }
                try connection.execute("CREATE TABLE \(target) (\(definitions.joined(separator: ", ")))")
            }
            let names = columns.map { PostgresTypes.quoted($0.name) }.joined(separator: ", ")
            try connection.beginCopyIn("COPY \(target) (\(names)) FROM STDIN (FORMAT binary)")
            buffer = PostgresBinaryCopy.header
        } catch {
            _ = try? connection.execute("ROLLBACK")
            done = true
            throw error
        }
    }

    /// Sends the rows of `batch`.
    public func write(_ batch: ColumnBatch) throws {
        do {
            var row: [Value] = []
            for r in 0..<batch.count {
                row.removeAll(keepingCapacity: true)
                for column in batch.columns { row.append(column[r]) }
                try PostgresBinaryCopy.appendRow(row, types: types, to: &buffer)
                if buffer.count >= 1 << 20 {
                    try connection.copyIn(buffer)
                    buffer.removeAll(keepingCapacity: true)
                }
            }
        } catch {
            abort()
            throw error
        }
    }

    /// Ends the COPY and commits.
    public func finish() throws {
        guard !done else { return }
        do {
            buffer.append(contentsOf: PostgresBinaryCopy.trailer)
            try connection.copyIn(buffer)
            buffer = []
            try connection.endCopyIn()
            try connection.execute("COMMIT")
            done = true
        } catch {
            abort()
            throw error
        }
    }

    /// Abandons the COPY and rolls back.
    public func abort() {
        guard !done else { return }
        done = true
        try? connection.endCopyIn(error: "cancelled by TideDB")
        _ = try? connection.execute("ROLLBACK")
    }

    deinit { abort() }

    private static func literal(_ text: String) -> String { text.replacingOccurrences(of: "'", with: "''") }
}
