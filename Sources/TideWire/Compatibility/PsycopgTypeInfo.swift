/// psycopg 3's `TypeInfo.fetch(conn, "name")` (SQLAlchemy runs it for `hstore` when it
/// connects): the built-in types answer with their `pg_type` row; extensions such as hstore,
/// and the range, multirange, enum and composite variants of the query, with no rows.
enum PsycopgTypeInfo {
    static func answer(_ text: SQLText) -> CompatibilityAnswer? {
        guard text.firstWord == "select", text.contains("FROM pg_type t"), text.contains("typarray AS array_oid")
        else { return nil }
        guard let columns = NamedColumns(text) else { return nil }
        let types: [String: Int32] = [
            "name": PGOID.name, "oid": PGOID.oid, "array_oid": PGOID.oid, "delimiter": PGOID.char,
            "range_oid": PGOID.oid, "subtype_oid": PGOID.oid, "labels": PGOID.textArray,
            "field_names": PGOID.textArray,
        ]
        let name = text.string(after: "to_regtype(") ?? text.string(after: "WHERE t.oid =")
        guard columns.names == ["name", "oid", "array_oid", "regtype", "delimiter"], let name,
            let type = CatalogType.named(name)
        else { return columns.answer(types: types) }
        let row = [
            "name": type.typname, "oid": String(type.oid), "array_oid": String(type.arrayOID),
            "regtype": type.formatted, "delimiter": ",",
        ]
        return columns.answer(types: types, rows: [row])
    }
}
