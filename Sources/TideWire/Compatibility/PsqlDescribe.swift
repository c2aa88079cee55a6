import TideCore

/// psql's `\d name`: the relation lookup, the table's header, its columns and indexes, and the
/// footers TideDB has nothing for (policies, statistics objects, publications, inheritance,
/// rules, triggers, constraints), which get correctly shaped empty results.
enum PsqlDescribe {
    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        guard text.firstWord == "select" else { return nil }
        var snapshot: CatalogSnapshot { CatalogSnapshot(context: context) }
        if text.contains("FROM pg_catalog.pg_class c"), text.contains("LEFT JOIN pg_catalog.pg_namespace n"),
            SelectList.names(of: text) == ["oid", "nspname", "relname"]
        {
            return lookup(text, snapshot: snapshot)
        }
        if text.contains("SELECT c.relchecks, c.relkind, c.relhasindex") {
            return tableInfo(text, snapshot: snapshot)
        }
        if text.contains("FROM pg_catalog.pg_attribute a"),
            text.contains("pg_catalog.format_type(a.atttypid, a.atttypmod)"),
            let oid = text.integer(after: "a.attrelid =")
        {
            return attributes(text, table: snapshot.table(oid: oid))
        }
        if text.contains("pg_catalog.pg_get_indexdef(i.indexrelid, 0, true)"),
            text.contains("FROM pg_catalog.pg_class c, pg_catalog.pg_class c2, pg_catalog.pg_index i")
        {
            return indexes(text, table: text.integer(after: "c.oid =").flatMap(snapshot.table(oid:)))
        }
        for footer in emptyFooters where text.contains(footer.fragment) {
            return NamedColumns(text)?.answer(types: footer.types)
        }
        return nil
    }

    /// The footers with no rows: what identifies each query, and its column types.
    private static let emptyFooters: [(fragment: String, types: [String: Int32])] = [
        (
            "FROM pg_catalog.pg_policy pol",
            ["polname": PGOID.name, "polpermissive": PGOID.bool, "cmd": PGOID.text]
        ),
        (
            "FROM pg_catalog.pg_statistic_ext",
            [
                "oid": PGOID.oid, "stxrelid": PGOID.regclass, "stxname": PGOID.name, "ndist_enabled": PGOID.bool,
                "deps_enabled": PGOID.bool, "mcv_enabled": PGOID.bool, "stxstattarget": PGOID.int4,
            ]
        ),
        ("FROM pg_catalog.pg_publication p", ["pubname": PGOID.name]),
        (
            "pg_catalog.pg_inherits i",
            ["oid": PGOID.regclass, "relkind": PGOID.char, "inhdetachpending": PGOID.bool]
        ),
        ("FROM pg_catalog.pg_rewrite r", ["rulename": PGOID.name, "ev_enabled": PGOID.char]),
        (
            "FROM pg_catalog.pg_trigger t",
            ["tgname": PGOID.name, "tgenabled": PGOID.char, "tgisinternal": PGOID.bool, "parent": PGOID.regclass]
        ),
        (
            "FROM pg_catalog.pg_constraint r WHERE r.conrelid =",
            ["conname": PGOID.name, "sametable": PGOID.bool, "ontable": PGOID.regclass]
        ),
        (
            "FROM pg_catalog.pg_constraint c WHERE confrelid IN",
            ["conname": PGOID.name, "ontable": PGOID.regclass]
        ),
        ("pg_catalog.pg_get_viewdef(", [:]),
    ]

    /// The relations `\d pattern` names: the tables whose names match.
    private static func lookup(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        let inSchema = NamePatterns.psqlAccepts(CatalogSnapshot.schema, in: text, column: "n.nspname")
        let rows: [[String: String]] = snapshot.tables
            .filter { inSchema && NamePatterns.psqlAccepts($0.name, in: text, column: "c.relname") }
            .map { ["oid": String($0.oid), "nspname": CatalogSnapshot.schema, "relname": $0.name] }
        return NamedColumns(text)?.answer(
            types: ["oid": PGOID.oid, "nspname": PGOID.name, "relname": PGOID.name], rows: rows)
    }

    /// The header of a table: a plain permanent table with no checks, rules or triggers.
    private static func tableInfo(_ text: SQLText, snapshot: CatalogSnapshot) -> CompatibilityAnswer? {
        let types: [String: Int32] = [
            "relchecks": PGOID.int2, "relkind": PGOID.char, "relhasindex": PGOID.bool, "relhasrules": PGOID.bool,
            "relhastriggers": PGOID.bool, "relrowsecurity": PGOID.bool, "relforcerowsecurity": PGOID.bool,
            "relhasoids": PGOID.bool, "relispartition": PGOID.bool, "reltablespace": PGOID.oid,
            "relpersistence": PGOID.char, "relreplident": PGOID.char, "amname": PGOID.name,
        ]
        guard let table = text.integer(after: "WHERE c.oid =").flatMap(snapshot.table(oid:)) else {
            return NamedColumns(text)?.answer(types: types)
        }
        let no = CompatibilityAnswer.bool(false)
        let row = [
            "relchecks": "0", "relkind": "r", "relhasindex": CompatibilityAnswer.bool(!table.indexes.isEmpty),
            "relhasrules": no, "relhastriggers": no, "relrowsecurity": no, "relforcerowsecurity": no,
            "relhasoids": no, "relispartition": no, "?column?": "", "array_to_string": "", "reltablespace": "0",
            "reloftype": "", "relpersistence": "p", "relreplident": "d", "amname": "tide",
        ]
        return NamedColumns(text)?.answer(types: types, rows: [row])
    }

    /// A table's columns, with PostgreSQL's names for their types.
    private static func attributes(_ text: SQLText, table: CatalogSnapshot.Table?) -> CompatibilityAnswer? {
        let types: [String: Int32] = [
            "attname": PGOID.name, "attnotnull": PGOID.bool, "attcollation": PGOID.name, "attidentity": PGOID.char,
            "attgenerated": PGOID.char, "attstorage": PGOID.char, "attcompression": PGOID.char,
            "attstattarget": PGOID.int4,
        ]
        let rows: [[String: String]] = (table?.columns ?? []).map { column in
            let type = CatalogType.of(column.type)
            var row = [
                "attname": column.name, "format_type": type.formatted,
                "attnotnull": CompatibilityAnswer.bool(column.notNull),
                "attidentity": "", "attgenerated": "", "attstorage": type.storage, "attcompression": "",
            ]
            row["pg_get_expr"] = column.defaultValue
            return row
        }
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// A table's TideDB indexes, which psql prints after ` USING `: `tide (KEY=card, TS=ts)`.
    private static func indexes(_ text: SQLText, table: CatalogSnapshot.Table?) -> CompatibilityAnswer? {
        let types: [String: Int32] = [
            "relname": PGOID.name, "indisprimary": PGOID.bool, "indisunique": PGOID.bool,
            "indisclustered": PGOID.bool, "indisvalid": PGOID.bool, "contype": PGOID.char,
            "condeferrable": PGOID.bool, "condeferred": PGOID.bool, "indisreplident": PGOID.bool,
            "reltablespace": PGOID.oid,
        ]
        guard let table else { return NamedColumns(text)?.answer(types: types) }
        let no = CompatibilityAnswer.bool(false)
        let rows: [[String: String]] = table.indexes.sorted { $0.name < $1.name }.map { index in
            [
                "relname": index.name, "indisprimary": no, "indisunique": no, "indisclustered": no,
                "indisvalid": CompatibilityAnswer.bool(true), "indisreplident": no, "reltablespace": "0",
                "pg_get_indexdef":
                    "CREATE INDEX \(index.name) ON \(CatalogSnapshot.schema).\(table.name) USING tide (\(describe(index)))",
            ]
        }
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// `KEY=card, TS=ts, TTL=latest 10`, as TideDB's CREATE TABLE writes an index.
    static func describe(_ index: IndexDef) -> String {
        let keys =
            index.keyColumns.count == 1
            ? index.keyColumns.joined() : "(" + index.keyColumns.joined(separator: ", ") + ")"
        var parts = ["KEY=\(keys)"]
        if let ts = index.tsColumn { parts.append("TS=\(ts)") }
        if index.ttl != .forever { parts.append("TTL=\(index.ttl)") }
        return parts.joined(separator: ", ")
    }
}
