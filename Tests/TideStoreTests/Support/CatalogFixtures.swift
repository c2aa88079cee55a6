import TideCore
import TideStore

/// A clock that always answers the same instant, so records compare exactly.
let fixedClock: @Sendable () -> Int64 = { 1_700_000_000_000 }

/// Opens the RocksDB database at `path` and loads its catalog with `fixedClock`.
func openCatalog(_ path: String) throws -> PersistentCatalog {
    try PersistentCatalog(store: RocksDatabase(path: path), clock: fixedClock)
}

/// A small table of `database`: one key column, one timestamp column, one index.
func sampleTable(_ database: String, _ name: String) -> TableDef {
    TableDef(
        database: database,
        name: name,
        columns: [
            ColumnDef(name: "user", type: .string),
            ColumnDef(name: "amount", type: .double),
            ColumnDef(name: "ts", type: .timestamp, notNull: true),
        ],
        indexes: [
            IndexDef(name: "by_user", keyColumns: ["user"], tsColumn: "ts", ttl: TTL(kind: .latest, latestCount: 10))
        ]
    )
}
