import TideCore

/// psql's listing commands: `\l` (databases), `\d`, `\dt`, `\di`, `\dv`, `\ds` (relations),
/// `\dn` (schemas), `\du` (roles), and `\df`, `\dT` (functions, types: none). Columns come
/// from the query's own `AS "..."` aliases, so `\dt+` and other psql versions get theirs.
enum PsqlListing {
    private static let types: [String: Int32] = [
        "Name": PGOID.name, "Owner": PGOID.name, "Encoding": PGOID.name, "Schema": PGOID.name,
        "Access method": PGOID.name, "Table": PGOID.name, "Tablespace": PGOID.name,
    ]

    static func answer(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        guard text.firstWord == "select" else { return nil }
        if text.contains("FROM pg_catalog.pg_database d"), text.contains("AS \"Name\"") {
            return databases(text, context: context)
        }
        if text.contains("FROM pg_catalog.pg_class c"), text.contains("AS \"Schema\""),
            text.contains("c.relkind IN")
        {
            return relations(text, context: context)
        }
        if text.contains("FROM pg_catalog.pg_namespace n"), text.contains("AS \"Name\"") {
            return schemas(text, context: context)
        }
        if text.contains("AS \"Schema\""),
            text.contains("FROM pg_catalog.pg_proc p") || text.contains("FROM pg_catalog.pg_type t")
        {
            return NamedColumns(text)?.answer(types: types)
        }
        if text.contains("FROM pg_catalog.pg_roles r"), text.contains("r.rolname") {
            return roles(text, context: context)
        }
        return nil
    }

    /// `\l`: every TideDB database.
    private static func databases(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        let snapshot = CatalogSnapshot(context: context)
        let rows: [[String: String]] = snapshot.databases
            .filter { NamePatterns.psqlAccepts($0, in: text, column: "d.datname") }
            .map { name in
                [
                    "Name": name, "Owner": context.user, "Encoding": "UTF8", "Collate": "C", "Ctype": "C",
                    "Locale Provider": "libc", "Tablespace": "pg_default",
                ]
            }
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// `\d`, `\dt`, `\di`, ...: the current database's tables (relkind `r`) and their
    /// indexes (relkind `i`), in schema `public`.
    private static func relations(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        let kinds = Set(text.list(after: "c.relkind IN") ?? [])
        guard NamePatterns.psqlAccepts(CatalogSnapshot.schema, in: text, column: "n.nspname") else {
            return NamedColumns(text)?.answer(types: types)
        }
        var rows: [[String: String]] = []
        for table in CatalogSnapshot(context: context).tables {
            let base = [
                "Schema": CatalogSnapshot.schema, "Owner": context.user, "Persistence": "permanent",
                "Access method": "tide",
            ]
            if kinds.contains("r"), NamePatterns.psqlAccepts(table.name, in: text, column: "c.relname") {
                rows.append(base.merging(["Name": table.name, "Type": "table"]) { $1 })
            }
            guard kinds.contains("i") else { continue }
            for index in table.indexes where NamePatterns.psqlAccepts(index.name, in: text, column: "c.relname") {
                rows.append(base.merging(["Name": index.name, "Type": "index", "Table": table.name]) { $1 })
            }
        }
        rows.sort { ($0["Name"] ?? "") < ($1["Name"] ?? "") }
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// `\dn`: schema `public`.
    private static func schemas(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        let schema = CatalogSnapshot.schema
        let rows: [[String: String]] =
            NamePatterns.psqlAccepts(schema, in: text, column: "n.nspname")
            ? [["Name": schema, "Owner": context.user]] : []
        return NamedColumns(text)?.answer(types: types, rows: rows)
    }

    /// `\du`: the connection's user, a superuser.
    private static func roles(_ text: SQLText, context: CompatibilityContext) -> CompatibilityAnswer? {
        let roleTypes: [String: Int32] = [
            "rolname": PGOID.name, "rolsuper": PGOID.bool, "rolinherit": PGOID.bool, "rolcreaterole": PGOID.bool,
            "rolcreatedb": PGOID.bool, "rolcanlogin": PGOID.bool, "rolconnlimit": PGOID.int4,
            "rolvaliduntil": PGOID.timestamptz, "memberof": PGOID.nameArray, "rolreplication": PGOID.bool,
            "rolbypassrls": PGOID.bool,
        ]
        var row = ["rolname": context.user, "rolconnlimit": "-1", "memberof": "{}"]
        for flag in ["rolsuper", "rolinherit", "rolcreaterole", "rolcreatedb", "rolcanlogin", "rolreplication"] {
            row[flag] = CompatibilityAnswer.bool(true)
        }
        row["rolbypassrls"] = CompatibilityAnswer.bool(true)
        let accepted = NamePatterns.psqlAccepts(context.user, in: text, column: "r.rolname")
        return NamedColumns(text)?.answer(types: roleTypes, rows: accepted ? [row] : [])
    }
}
