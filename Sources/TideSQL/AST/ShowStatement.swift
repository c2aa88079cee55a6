/// The SHOW family of commands.
public enum ShowStatement: Sendable, Hashable {
    case databases
    case tables
    case createTable(QualifiedName)
    case tableStatus(like: String?)
    case variables(scope: VariableScope?)
    /// `SHOW FUNCTIONS [LIKE 'pattern']`: the pattern filters by name or alias.
    case functions(like: String?)
    case deployments
    /// `SHOW SOURCES`: every Kafka source with its state, positions and counts.
    case sources
    /// `SHOW SINKS`: every Kafka sink with its state and counts.
    case sinks
    case deployment(QualifiedName)
    case procedureStatus
    case createProcedure(QualifiedName)
    case components
    /// `SHOW JOBS [FROM component] [LIKE 'pattern']`.
    case jobs(from: Identifier?, like: String?)
    case job(OptionValue)
    case jobLog(OptionValue)
}

/// `GLOBAL` or `SESSION`.
public enum VariableScope: String, Sendable, Hashable {
    case global = "GLOBAL"
    case session = "SESSION"
}

/// `SET [GLOBAL|SESSION] name = literal` and `SET @@[global.|session.]name = literal`.
public struct SetStatement: Sendable, Hashable {
    public var scope: VariableScope?
    public var name: Identifier
    public var value: Literal

    public init(scope: VariableScope?, name: Identifier, value: Literal) {
        self.scope = scope
        self.name = name
        self.value = value
    }
}
