import TideCore

/// SQLAlchemy 2's PostgreSQL reflection (`inspect(engine)`): table names, has_table, columns,
/// comments and table options answered from the catalog; primary keys, unique, check and
/// foreign-key constraints, indexes, enums and domains answered empty. Its queries spell every
/// catalog column in full (`pg_catalog.pg_class.relname`).
enum SQLAlchemyInspection {
    private static let types: [String: Int32] = [
        "relname": PGOID.name, "oid": PGOID.oid, "conname": PGOID.name, "nspname": PGOID.name,
        "reloptions": PGOID.textArray, "access_method_name": PGOID.name, "tablespace_name": PGOID.name,
        "parent_table_names": PGOID.nameArray, "name": PGOID.name, "not_null": PGOID.bool,
        "table_name": PGOID.name, "generated": PGOID.char, "identity_options": PGOID.json, "collation": PGOID.json,
        "conrelid": PGOID.oid, "cols": PGOID.textArray, "indnkeyatts": PGOID.int2, "indnullsnotdistinct": PGOID.bool,
        "indrelid": PGOID.oid, "indisunique": PGOID.bool, "indisvalid": PGOID.bool, "has_constraint": PGOID.bool,
        "indoption": PGOID.int2vector, "relam": PGOID.oid, "elements": PGOID.textArray,
        "elements_is_expr": PGOID.boolArray, "elements_opclass": PGOID.int8Array, "amname": PGOID.name,
        "opcname": PGOID.name, "visible": PGOID.bool, "schema": PGOID.name, "labels": PGOID.textArray,
        "nullable": PGOID.bool, "condefs": PGOID.textArray, "connames": PGOID.textArray, "collname": PGOID.name,
        "collation_schema": PGOID.name,
    ]

    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        guard text.firstWord == "select" else { return nil }
        if text.contains("pg_catalog.pg_class.relkind = ANY (ARRAY") {
            return relations(text, snapshot: CatalogSnapshot(context: context))
        }
        if text.contains("FROM pg_catalog.pg_constraint JOIN pg_catalog.pg_index")
            || text.contains("FROM pg_catalog.pg_index JOIN pg_catalog.pg_class")
            || text.contains("FROM pg_catalog.pg_opclass")
            || text.contains("FROM pg_catalog.pg_type JOIN pg_catalog.pg_namespace")
        {
            return NamedColumns(text)?.answer(types: types)
        }
        if text.contains("FROM pg_catalog.pg_am WHERE pg_catalog.pg_am.amname =") {
            let rows =
                text.string(after: "pg_catalog.pg_am.amname =") == "btree" ? [["oid": "403", "amname": "btree"]] : []
            return NamedColumns(text)?.answer(types: types, rows: rows)
        }
        if text.contains("SELECT pg_catalog.pg_namespace.nspname FROM pg_catalog.pg_namespace") {
            return schemaNames(text)
        }
        return nil
    }

    /// Queries over `pg_class` filtered by relkind, schema and names: one row per table, or per
    /// column for the columns query.
    private static func relations(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        let kinds = text.list(after: "pg_catalog.pg_class.relkind = ANY (ARRAY") ?? []
        let schema = text.string(after: "pg_catalog.pg_namespace.nspname =")
        let temporaryOnly = text.contains("pg_catalog.pg_class.relpersistence =")
        let names = text.list(after: "pg_catalog.pg_class.relname IN")
        var tables = snapshot.tables(named: names)
        if !kinds.contains("r") || temporaryOnly || !CatalogSnapshot.isTableSchema(schema) { tables = [] }
        if text.contains("pg_catalog.format_type(pg_catalog.pg_attribute.atttypid") {
            return NamedColumns(text)?.answer(types: types, rows: tables.flatMap(columnRows))
        }
        let rows = tables.map { ["relname": $0.name, "oid": String($0.oid)] }
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// The columns query's rows for a table: name, format_type, default, not_null, table_name, ...
    private static func columnRows(_ table: CatalogSnapshot.Table) -> [[String: String]] {
        table.columns.map { column in
            var row = [
                "name": column.name, "format_type": CatalogType.of(column.type).formatted,
                "not_null": CompatibilityAnswer.bool(column.notNull), "table_name": table.name, "generated": "",
            ]
            row["default"] = column.defaultValue
            return row
        }
    }

    /// get_schema_names and has_schema: schema `public`.
    private static func schemaNames(_ text: SQLText) -> CompatibilityAnswer? {
        let schema = CatalogSnapshot.schema
        let wanted = text.string(after: "pg_catalog.pg_namespace.nspname =")
        let rows = wanted == nil || wanted == schema ? [["nspname": schema]] : []
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }
}
