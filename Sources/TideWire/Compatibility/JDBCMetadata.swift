import TideCore

/// pgjdbc's `DatabaseMetaData` queries: getTables, getColumns, getSchemas, getPrimaryKeys,
/// getIndexInfo, getImported/ExportedKeys, the `pg_settings` read behind getMaxIndexKeys, and
/// the column lookup behind `ResultSetMetaData` (nullability, auto-increment).
enum JDBCMetadata {
    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        guard text.firstWord == "select" else { return nil }
        if text.contains("AS TABLE_CAT, n.nspname AS TABLE_SCHEM, c.relname AS TABLE_NAME") {
            return tables(text, snapshot: CatalogSnapshot(context: context))
        }
        if text.contains("row_number() OVER (PARTITION BY a.attrelid ORDER BY a.attnum) AS attnum") {
            return columns(text, snapshot: CatalogSnapshot(context: context))
        }
        if text.contains("SELECT nspname AS TABLE_SCHEM"), text.contains("FROM pg_catalog.pg_namespace") {
            let accepted =
                text.string(after: "nspname LIKE").map { NamePatterns.like(CatalogSnapshot.schema, $0) } ?? true
            let rows = accepted ? [["table_schem": CatalogSnapshot.schema]] : []
            return NamedColumns(text)?.answer(types: ["table_schem": PGOID.name], rows: rows)
        }
        if text.contains("AS PK_NAME"), text.contains("i.indisprimary") {
            return NamedColumns(text)?.answer(types: keyTypes)
        }
        if text.contains("AS INDEX_QUALIFIER") {
            var types = keyTypes
            types["non_unique"] = PGOID.bool
            types["index_name"] = PGOID.name
            types["type"] = PGOID.int4
            types["ordinal_position"] = PGOID.int4
            types["cardinality"] = PGOID.float4
            types["pages"] = PGOID.int4
            types["column_name"] = PGOID.text
            return NamedColumns(text)?.answer(types: types)
        }
        if text.contains("AS PKTABLE_CAT") {
            return NamedColumns(text)?.answer(types: keyTypes)
        }
        if text.contains("vals ON (c.oid = vals.oid AND a.attnum = vals.attnum)") {
            return fieldMetadata(text, snapshot: CatalogSnapshot(context: context))
        }
        if text.contains("FROM pg_catalog.pg_settings WHERE name =") {
            let name = text.string(after: "WHERE name =") ?? ""
            let value = SessionParameters.value(name, context: context)
            let rows = value.map { [["name": name, "setting": $0]] } ?? []
            return NamedColumns(text)?.answer(types: [:], rows: rows)
        }
        return nil
    }

    /// Types of the key and index results' columns.
    private static let keyTypes: [String: Int32] = [
        "table_schem": PGOID.name, "table_name": PGOID.name, "column_name": PGOID.name, "key_seq": PGOID.int4,
        "pk_name": PGOID.name, "pktable_schem": PGOID.name, "pktable_name": PGOID.name,
        "pkcolumn_name": PGOID.name, "fktable_schem": PGOID.name, "fktable_name": PGOID.name,
        "fkcolumn_name": PGOID.name, "update_rule": PGOID.int4, "delete_rule": PGOID.int4, "fk_name": PGOID.name,
        "deferrability": PGOID.int4,
    ]

    /// True when `name` passes the query's `column LIKE 'pattern'` (or it has none).
    private static func accepts(_ name: String, _ text: SQLText, _ column: String) -> Bool {
        text.string(after: "\(column) LIKE").map { NamePatterns.like(name, $0) } ?? true
    }

    /// getTables: the tables, typed TABLE, when the requested types include it.
    private static func tables(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        let typed = text.contains("AND (false")
        let wantsTables = !typed || text.contains("c.relkind = 'r' AND n.nspname !~ '^pg_'")
        let inSchema = accepts(CatalogSnapshot.schema, text, "n.nspname")
        let rows: [[String: String]] = snapshot.tables
            .filter { wantsTables && inSchema && accepts($0.name, text, "c.relname") }
            .map { table in
                var row = ["table_schem": CatalogSnapshot.schema, "table_name": table.name, "table_type": "TABLE"]
                for empty in ["type_cat", "type_schem", "type_name", "self_referencing_col_name", "ref_generation"] {
                    row[empty] = ""
                }
                return row
            }
        return NamedColumns(text)?.answer(types: ["table_schem": PGOID.name, "table_name": PGOID.name], rows: rows)
    }

    /// getColumns: one row per column; the driver derives the JDBC fields from these.
    private static func columns(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        // The columns are the inner SELECT's: `SELECT * FROM (SELECT n.nspname, ...) c WHERE ...`.
        guard let start = text.index(after: "FROM ("),
            let inner = NamedColumns(SQLText(tokens: Array(text.tokens[start...])))
        else { return nil }
        let types: [String: Int32] = [
            "nspname": PGOID.name, "relname": PGOID.name, "attname": PGOID.name, "atttypid": PGOID.oid,
            "attnotnull": PGOID.bool, "atttypmod": PGOID.int4, "attlen": PGOID.int2, "typtypmod": PGOID.int4,
            "attnum": PGOID.int8, "attidentity": PGOID.char, "attgenerated": PGOID.char, "typbasetype": PGOID.oid,
            "typtype": PGOID.char,
        ]
        guard accepts(CatalogSnapshot.schema, text, "n.nspname") else { return inner.answer(types: types) }
        var rows: [[String: String]] = []
        for table in snapshot.tables where accepts(table.name, text, "c.relname") {
            for (i, column) in table.columns.enumerated() where accepts(column.name, text, "attname") {
                let type = CatalogType.of(column.type)
                var row = [
                    "nspname": CatalogSnapshot.schema, "relname": table.name, "attname": column.name,
                    "atttypid": String(type.oid), "attnotnull": CompatibilityAnswer.bool(column.notNull),
                    "atttypmod": "-1", "attlen": String(type.length), "typtypmod": "-1", "attnum": String(i + 1),
                    "typbasetype": "0", "typtype": "b",
                ]
                row["adsrc"] = column.defaultValue
                rows.append(row)
            }
        }
        return inner.answer(types: types, rows: rows)
    }

    /// The driver's lookup of result columns by (table OID, attnum), for ResultSetMetaData:
    /// `JOIN (SELECT 16385 AS oid , 1 AS attnum UNION ALL SELECT 16385, 2) vals ON ...`.
    private static func fieldMetadata(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        guard let names = SelectList.names(of: text), names.count == 7 else { return nil }
        let types = [PGOID.oid, PGOID.int2, PGOID.name, PGOID.name, PGOID.name, PGOID.bool, PGOID.bool]
        let columns = zip(names, types).map { CompatibilityColumn(name: $0, typeOID: $1) }
        var numbers: [Int64] = []
        if let start = text.index(after: "JOIN (SELECT"), let end = text.index(after: ") vals", from: start) {
            numbers = text.tokens[start..<end].filter { $0.kind == .number }.compactMap { Int64($0.text) }
        }
        var rows: [[String?]] = []
        var seen = Set<[Int64]>()
        for pair in stride(from: 0, to: numbers.count - 1, by: 2) {
            let (oid, attnum) = (numbers[pair], numbers[pair + 1])
            guard seen.insert([oid, attnum]).inserted, let table = snapshot.table(oid: oid), attnum >= 1,
                attnum <= table.columns.count
            else { continue }
            let column = table.columns[Int(attnum) - 1]
            rows.append([
                String(oid), String(attnum), column.name, table.name, CatalogSnapshot.schema,
                CompatibilityAnswer.bool(column.notNull), CompatibilityAnswer.bool(false),
            ])
        }
        return .select(columns, rows)
    }
}
