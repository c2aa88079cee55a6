import TideCore
import TideDB

/// TideDB's catalog in PostgreSQL's terms: each TideDB database is a PostgreSQL database, and
/// the session's current database shows its tables in schema `public`.
struct CatalogSnapshot {
    /// The schema TideDB tables are presented in.
    static let schema = "public"
    /// OIDs from here up are TideDB tables (`firstTableOID + table id`), as in PostgreSQL,
    /// where user objects start at 16384.
    static let firstTableOID: Int64 = 16384
    /// Index OIDs: `indexOIDBase * table OID + position`, far above any table OID.
    static let indexOIDBase: Int64 = 1000

    /// A table of the current database.
    struct Table {
        var oid: Int64
        var definition: TableDef
        var name: String { definition.name }
        var columns: [ColumnDef] { definition.columns }
        var indexes: [IndexDef] { definition.indexes }

        /// The OID of the index at `position`.
        func indexOID(_ position: Int) -> Int64 { oid * indexOIDBase + Int64(position) + 1 }
    }

    let context: CompatibilityContext
    /// The tables of the current database, sorted by name.
    let tables: [Table]

    /// Reads the current database's tables.
    init(context: CompatibilityContext) {
        self.context = context
        let database = context.currentDatabase
        tables =
            database.isEmpty
            ? []
            : context.database.tables(in: database).compactMap { definition in
                context.database.tableID(definition.name, in: database).map {
                    Table(oid: Self.firstTableOID + Int64($0), definition: definition)
                }
            }
    }

    /// Every TideDB database, sorted.
    var databases: [String] { context.database.databaseNames() }

    /// The table whose OID is `oid`.
    func table(oid: Int64) -> Table? { tables.first { $0.oid == oid } }

    /// The tables named in `names` (nil: all), in name order.
    func tables(named names: [String]?) -> [Table] {
        guard let names else { return tables }
        return tables.filter { names.contains($0.name) }
    }

    /// True when `schema` (nil: any) is the one tables are presented in.
    static func isTableSchema(_ schema: String?) -> Bool { schema.map { $0 == Self.schema } ?? true }
}

extension CompatibilityAnswer {
    /// A result of text-format rows tagged `SELECT n`.
    static func select(_ columns: [CompatibilityColumn], _ rows: [[String?]]) -> CompatibilityAnswer {
        .rows(columns: columns, rows: rows, tag: "SELECT \(rows.count)")
    }

    /// PostgreSQL's text for a boolean.
    static func bool(_ value: Bool) -> String { value ? "t" : "f" }
}
