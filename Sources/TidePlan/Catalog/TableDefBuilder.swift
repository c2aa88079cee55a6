import TideCore
import TideSQL

/// Turns a CREATE TABLE statement into a `TableDef`, checking columns, indexes and TTLs the
/// way OpenMLDB does (a bare TTL number is a row count, so `TTL=10, TTL_TYPE=absolute` fails).
public enum TableDefBuilder {
    /// OpenMLDB's largest absolute TTL, in minutes (30 years), and largest latest TTL.
    static let maxAbsoluteTTLMinutes: Int64 = 15_768_000
    static let maxLatestTTL: Int64 = 1000

    public static func build(_ create: CreateTableStatement, database: String) throws(TideError) -> TableDef {
        guard let elements = create.elements else {
            throw TideError(
                .featureNotSupported, "CREATE TABLE without a column list is not supported",
                position: create.name.location.location)
        }
        var columns: [ColumnDef] = []
        var indexDefinitions: [IndexDefinition] = []
        for element in elements {
            switch element {
            case .column(let c):
                guard case .scalar(let type, _) = c.type else {
                    throw TideError(
                        .featureNotSupported,
                        "column \"\(c.name)\" has type \(c.type): array and map columns are not supported",
                        position: c.name.location.location)
                }
                if columns.contains(where: { $0.name.lowercased() == c.name.name.lowercased() }) {
                    throw TideError(
                        "42701", "column \"\(c.name)\" specified more than once", position: c.name.location.location)
                }
                columns.append(
                    ColumnDef(
                        name: c.name.name, type: type, notNull: c.notNull,
                        defaultValue: c.defaultValue.map { SQLPrinter.print($0) }))
            case .index(let index):
                indexDefinitions.append(index)
            }
        }
        if columns.isEmpty {
            throw TideError(.syntaxError, "a table needs at least one column", position: create.name.location.location)
        }
        var table = TableDef(database: database, name: create.name.name.name, columns: columns)
        for (i, definition) in indexDefinitions.enumerated() {
            // Unnamed indexes are named as OpenMLDB names them (INDEX_<position>), out of the
            // way of the names users give (`CREATE INDEX index1 ...`).
            let index = try buildIndex(
                name: definition.name?.name ?? "INDEX_\(i)", options: definition.options, keyColumns: nil,
                table: table,
                at: definition.location.location)
            if table.indexes.contains(where: { $0.name == index.name }) {
                throw TideError(
                    .duplicateObject, "index \"\(index.name)\" already exists", position: definition.location.location)
            }
            table.indexes.append(index)
        }
        return table
    }

    /// An index from INDEX(...) options (or CREATE INDEX's column list and options).
    public static func buildIndex(
        name: String, options: [IndexOption], keyColumns: [String]?, table: TableDef, at position: SourceLocation?
    ) throws(TideError) -> IndexDef {
        var keys = keyColumns ?? []
        var ts: String?
        var ttlComponents: [TTLComponent]?
        var ttlType: TTLType?
        for option in options {
            switch option {
            case .key(let columns): keys = columns.map(\.name)
            case .ts(let column): ts = column.name
            case .ttl(let components): ttlComponents = components
            case .ttlType(let type): ttlType = type
            case .other: continue
            }
        }
        guard !keys.isEmpty else {
            throw TideError(.syntaxError, "index \"\(name)\" needs KEY=column", position: position)
        }
        for key in keys + (ts.map { [$0] } ?? []) where table.columnIndex(key) == nil {
            throw TideError(
                .undefinedColumn, "index \"\(name)\" names column \"\(key)\", which does not exist", position: position)
        }
        for key in keys {
            if let i = table.columnIndex(key), [.float, .double].contains(table.columns[i].type) {
                // OpenMLDB semantics: floating-point keys are rejected (equal-looking values differ).
                throw TideError(
                    .datatypeMismatch,
                    "index KEY column \"\(key)\" cannot be \(table.columns[i].type): use an integer or string key",
                    position: position)
            }
        }
        if let ts, let i = table.columnIndex(ts), ![.timestamp, .int64].contains(table.columns[i].type) {
            throw TideError(
                .datatypeMismatch,
                "index TS column \"\(ts)\" must be timestamp or bigint, not \(table.columns[i].type)",
                position: position)
        }
        let ttl = try buildTTL(ttlComponents, type: ttlType, at: position)
        return IndexDef(
            name: name, keyColumns: keys.map { key in table.columnIndex(key).map { table.columns[$0].name } ?? key },
            tsColumn: ts.flatMap { t in table.columnIndex(t).map { table.columns[$0].name } }, ttl: ttl)
    }

    /// OpenMLDB semantics: TTL=<interval> is absolute (stored in minutes, rounded up); TTL=<int>
    /// is latest; TTL=(<interval>, <int>) is absandlat or absorlat; TTL_TYPE defaults to absolute.
    static func buildTTL(_ components: [TTLComponent]?, type: TTLType?, at position: SourceLocation?)
        throws(TideError) -> TTL
    {
        func invalid(_ message: String) -> TideError { TideError(.invalidParameterValue, message, position: position) }
        // OpenMLDB's limits (SEMANTICS.md, TTL): absolute up to 15,768,000 minutes (30 years),
        // latest up to 1000 rows. An absolute TTL is kept in whole minutes, rounded up.
        func minutesMs(_ value: Int64, _ unit: IntervalUnit) throws(TideError) -> Int64 {
            let (ms, overflow) = value.multipliedReportingOverflow(by: unit.milliseconds)
            guard !overflow, ms <= Self.maxAbsoluteTTLMinutes * 60_000 else {
                throw invalid("an absolute TTL is at most \(Self.maxAbsoluteTTLMinutes)m (30 years)")
            }
            return (ms + 59_999) / 60_000 * 60_000
        }
        func latest(_ n: Int64) throws(TideError) -> Int64 {
            guard n <= Self.maxLatestTTL else { throw invalid("a latest TTL keeps at most \(Self.maxLatestTTL) rows") }
            return n
        }
        let kind =
            type
            ?? (components?.count == 2
                ? .absandlat
                : (components.map { c in
                    if case .number = c.first { return TTLType.latest }
                    return TTLType.absolute
                } ?? .absolute))
        guard let components else {
            switch kind {
            case .absolute: return TTL(kind: .absolute)
            case .latest: return TTL(kind: .latest)
            case .absandlat: return TTL(kind: .absAndLat)
            case .absorlat: return TTL(kind: .absOrLat)
            }
        }
        switch (kind, components.count) {
        case (.absolute, 1):
            guard case .interval(let v, let unit) = components[0] else {
                throw invalid("TTL_TYPE=absolute needs an interval such as 10d; a bare number is a row count (latest)")
            }
            return TTL(kind: .absolute, absoluteMs: try minutesMs(v, unit))
        case (.latest, 1):
            guard case .number(let n) = components[0] else {
                throw invalid("TTL_TYPE=latest needs a row count, not an interval")
            }
            return TTL(kind: .latest, latestCount: try latest(n))
        case (.absandlat, 2), (.absorlat, 2):
            guard case .interval(let v, let unit) = components[0], case .number(let n) = components[1] else {
                throw invalid("TTL=(interval, count) expected, e.g. TTL=(10d, 100)")
            }
            return TTL(
                kind: kind == .absandlat ? .absAndLat : .absOrLat, absoluteMs: try minutesMs(v, unit),
                latestCount: try latest(n))
        default:
            throw invalid("TTL_TYPE=\(kind.rawValue) does not take \(components.count) TTL value(s)")
        }
    }
}
