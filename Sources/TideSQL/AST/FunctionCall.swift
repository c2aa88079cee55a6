/// A function or aggregate call: `f(a, b)`, `count(*)`, `count(DISTINCT x)`,
/// `sum(x) OVER w`, `sum(x) OVER (PARTITION BY ...)`.
public struct FunctionCall: Sendable, Hashable {
    public var name: QualifiedName
    public var arguments: [Expr]
    /// `count(DISTINCT x)`.
    public var distinct: Bool
    /// `count(*)`: true, with no arguments.
    public var star: Bool
    public var over: WindowReference?

    public init(
        name: QualifiedName, arguments: [Expr], distinct: Bool = false, star: Bool = false,
        over: WindowReference? = nil
    ) {
        self.name = name
        self.arguments = arguments
        self.distinct = distinct
        self.star = star
        self.over = over
    }
}

/// The window after `OVER`: a name from the WINDOW clause or an inline specification.
public enum WindowReference: Sendable, Hashable {
    case named(Identifier)
    case inline(WindowSpec)
}
