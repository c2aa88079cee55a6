/// A Kafka connector as the catalog stores it (value of a `CatalogKey.connector` entry):
/// a source that ingests a topic into an online table, or a sink that streams a deployment's
/// features to a topic. Connector names belong to the server, like user names.
public struct ConnectorRecord: Sendable, Hashable, Codable {
    /// What the connector does.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// Reads a topic into a table.
        case source
        /// Publishes a deployment's features for every row a source ingests.
        case sink
    }

    /// The name exactly as created.
    public var name: String
    public var kind: Kind
    /// A number never handed out before (from the table-id sequence): the key of the
    /// connector's positions in the online store, so a re-created connector of the same name
    /// never inherits its predecessor's offsets.
    public var id: UInt32
    /// The stored name of the database of `target`.
    public var database: String
    /// The table a source writes, or the deployment a sink publishes.
    public var target: String
    /// The `OPTIONS (...)` as written, names lower-cased.
    public var options: [String: String]
    /// Whether the connector should run (false after `STOP SOURCE`); a running connector is
    /// started again by whichever process opens the data directory.
    public var running: Bool
    /// When it was created, in milliseconds since the Unix epoch.
    public var createdAtMs: Int64

    public init(
        name: String, kind: Kind, id: UInt32, database: String, target: String, options: [String: String],
        running: Bool, createdAtMs: Int64
    ) {
        self.name = name
        self.kind = kind
        self.id = id
        self.database = database
        self.target = target
        self.options = options
        self.running = running
        self.createdAtMs = createdAtMs
    }
}
