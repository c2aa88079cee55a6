import TideCore
import TideStore

/// What front ends (the wire protocol's `pg_catalog`, the HTTP API's catalog endpoints,
/// metrics) read about the database without running SQL.
extension Database {
    /// Every database name, sorted.
    public func databaseNames() -> [String] { catalog.listDatabases() }

    /// True when the database `name` exists.
    public func databaseExists(_ name: String) -> Bool { catalog.databaseExists(name) }

    /// The tables of `database`, sorted by name; empty when it does not exist.
    public func tables(in database: String) -> [TableDef] {
        ((try? catalog.listTables(database: database)) ?? []).sorted { $0.name < $1.name }
    }

    /// The deployments of `database`, sorted by name.
    public func deployments(in database: String) -> [DeploymentInfo] {
        ((try? catalog.listDeployments(database: database)) ?? [])
            .map { DeploymentInfo(database: $0.database, name: $0.name, sql: $0.sql, createdAtMs: $0.createdAtMs) }
            .sorted { $0.name < $1.name }
    }

    /// The deployment `name` of `database`, if it exists.
    public func deployment(_ name: String, in database: String) -> DeploymentInfo? {
        catalog.deployment(database: database, name: name).map {
            DeploymentInfo(database: $0.database, name: $0.name, sql: $0.sql, createdAtMs: $0.createdAtMs)
        }
    }

    /// The deployments (of every database) whose query reads `table`. A deployment that no
    /// longer compiles reads nothing it can serve, and is not listed.
    public func deployments(reading table: TableDef) -> [DeploymentInfo] {
        databaseNames().flatMap { db in
            deployments(in: db).filter { info in
                guard let entry = try? deploymentCache.deployment(info.name, in: db) else { return false }
                return entry.tables.contains { $0.database == table.database && $0.name == table.name }
            }
        }
    }

    /// The catalog id of a table (stable for the table's life; OpenMLDB's `tid`).
    public func tableID(_ name: String, in database: String) -> UInt32? {
        catalog.tableRecord(database: database, name: name)?.id
    }

    /// Set once the database is closed: RocksDB flushed its state and released the
    /// directory. A server waits for it before the process exits.
    public var closeSignal: RocksCloseSignal { rocks.closed }

    /// RocksDB's view of its own size and cache (for metrics).
    public func storageStatistics() -> StorageStatistics { rocks.statistics() }
}

/// A deployment as front ends list it.
public struct DeploymentInfo: Sendable, Hashable {
    public var database: String
    public var name: String
    /// The deployed `SELECT`.
    public var sql: String
    public var createdAtMs: Int64
}
