/// A name as the user wrote it (backquotes removed). Names keep their case; the binder
/// decides how to compare them.
public struct Identifier: Sendable, Hashable, CustomStringConvertible, ExpressibleByStringLiteral {
    public var name: String
    public var location: NodeLocation

    public init(_ name: String, location: NodeLocation = .none) {
        self.name = name
        self.location = location
    }

    public init(stringLiteral value: String) { self.init(value) }

    public var description: String { name }
}

/// A dotted name: `t`, `db.t`, `db.t.c`.
public struct QualifiedName: Sendable, Hashable, CustomStringConvertible {
    public var parts: [Identifier]

    public init(_ parts: [Identifier]) { self.parts = parts }

    /// The last part: the object's own name.
    public var name: Identifier { parts[parts.count - 1] }

    /// Everything before the last part (`db` in `db.t`).
    public var qualifier: [Identifier] { Array(parts.dropLast()) }

    public var location: NodeLocation { parts.first?.location ?? .none }

    public var description: String { parts.map(\.name).joined(separator: ".") }
}
