/// A deployment as the catalog stores it (value of a `CatalogKey.deployment` entry).
///
/// The SQL text is the source of truth: the plan is rebuilt from it at start-up
/// (ARCHITECTURE.md). `metadata` holds whatever the deployer derived and wants back without
/// recompiling — for example the index and TTL requirements, or `DEPLOY ... OPTIONS(...)`.
public struct DeploymentRecord: Sendable, Hashable, Codable {
    /// The name exactly as deployed.
    public var name: String
    /// The stored name of the database the deployment belongs to.
    public var database: String
    /// The `SELECT` text that was deployed.
    public var sql: String
    /// When `DEPLOY` ran, in milliseconds since the Unix epoch.
    public var createdAtMs: Int64
    /// Arbitrary JSON; `.object([:])` when there is none.
    public var metadata: JSONValue

    public init(name: String, database: String, sql: String, createdAtMs: Int64, metadata: JSONValue = .object([:])) {
        self.name = name
        self.database = database
        self.sql = sql
        self.createdAtMs = createdAtMs
        self.metadata = metadata
    }
}
