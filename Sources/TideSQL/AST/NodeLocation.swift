import TideCore

/// Where an AST node starts in the SQL text.
///
/// Locations never take part in AST equality or hashing: an AST reparsed from printed SQL
/// equals the original even though every node moved.
public struct NodeLocation: Sendable, Hashable {
    public var location: SourceLocation

    public init(_ location: SourceLocation) { self.location = location }

    /// A placeholder for nodes built in code rather than parsed.
    public static let none = NodeLocation(.start)

    public static func == (lhs: NodeLocation, rhs: NodeLocation) -> Bool { true }
    public func hash(into hasher: inout Hasher) {}
}
