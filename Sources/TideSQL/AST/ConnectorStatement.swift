/// Whether a connector statement names a Kafka source or a Kafka sink.
public enum ConnectorKind: String, Sendable, Hashable {
    case source = "SOURCE"
    case sink = "SINK"
}

/// The statements that manage Kafka connectors (TideDB's own; OpenMLDB runs its Kafka
/// connector as a separate Kafka Connect plugin):
///
///     CREATE KAFKA SOURCE [IF NOT EXISTS] name INTO TABLE table OPTIONS (...)
///     CREATE KAFKA SINK [IF NOT EXISTS] name FROM DEPLOYMENT deployment OPTIONS (...)
///     START SOURCE name · STOP SOURCE name · DROP SOURCE [IF EXISTS] name   (and SINK)
public enum ConnectorStatement: Sendable, Hashable {
    case createSource(name: Identifier, ifNotExists: Bool, table: QualifiedName, options: OptionList)
    case createSink(name: Identifier, ifNotExists: Bool, deployment: QualifiedName, options: OptionList)
    case start(ConnectorKind, name: Identifier)
    case stop(ConnectorKind, name: Identifier)
    case drop(ConnectorKind, name: Identifier, ifExists: Bool)
}
