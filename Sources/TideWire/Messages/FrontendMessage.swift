/// A message a PostgreSQL client sends after start-up (protocol v3, one type byte each).
public enum FrontendMessage: Sendable, Hashable {
    /// `Q`: simple query, one or more statements.
    case query(String)
    /// `P`: prepare a statement.
    case parse(ParseMessage)
    /// `B`: bind parameters to a prepared statement, making a portal.
    case bind(BindMessage)
    /// `D`: describe a statement (`S`) or portal (`P`).
    case describe(DescribeTarget)
    /// `E`: run a portal, returning at most `maxRows` rows (0: all).
    case execute(portal: String, maxRows: Int32)
    /// `S`: end of an extended-query batch.
    case sync
    /// `H`: send what is buffered.
    case flush
    /// `C`: close a statement or portal.
    case close(DescribeTarget)
    /// `X`: the client is leaving.
    case terminate
    /// `p`: a password, SASLInitialResponse or SASLResponse; its meaning depends on the
    /// authentication step, so the bytes are kept raw.
    case authenticationResponse([UInt8])
    /// `d`, `c`, `f`: COPY sub-protocol messages (TideDB supports no COPY).
    case copy(UInt8)
}

/// `Parse`: statement name, SQL text and the parameter types the client fixes (0: unspecified).
public struct ParseMessage: Sendable, Hashable {
    public var name: String
    public var query: String
    public var parameterTypes: [Int32]

    public init(name: String, query: String, parameterTypes: [Int32]) {
        self.name = name
        self.query = query
        self.parameterTypes = parameterTypes
    }
}

/// `Bind`: portal and statement names, parameter values with their formats, result formats.
public struct BindMessage: Sendable, Hashable {
    public var portal: String
    public var statement: String
    /// Zero (all text), one (applies to all) or one per parameter.
    public var parameterFormats: [WireFormat]
    /// nil is SQL NULL.
    public var parameters: [[UInt8]?]
    /// Zero (all text), one (applies to all) or one per result column.
    public var resultFormats: [WireFormat]

    public init(
        portal: String, statement: String, parameterFormats: [WireFormat], parameters: [[UInt8]?],
        resultFormats: [WireFormat]
    ) {
        self.portal = portal
        self.statement = statement
        self.parameterFormats = parameterFormats
        self.parameters = parameters
        self.resultFormats = resultFormats
    }

    /// The format of parameter `i` by the protocol's rule for format-code lists.
    public func parameterFormat(_ i: Int) -> WireFormat { WireFormat.pick(parameterFormats, i) }
}

/// What `Describe` and `Close` refer to.
public enum DescribeTarget: Sendable, Hashable {
    case statement(String)
    case portal(String)
}

/// A value's encoding on the wire.
public enum WireFormat: Int16, Sendable, Hashable {
    case text = 0
    case binary = 1

    /// The protocol's rule: no codes means text, one code applies to every column.
    static func pick(_ formats: [WireFormat], _ i: Int) -> WireFormat {
        if formats.isEmpty { return .text }
        if formats.count == 1 { return formats[0] }
        return i < formats.count ? formats[i] : .text
    }
}
