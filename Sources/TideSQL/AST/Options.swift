/// `OPTIONS (name = value, ...)` and `CONFIG (...)`: an ordered list of named values.
public struct OptionList: Sendable, Hashable {
    public var entries: [OptionEntry]

    public init(_ entries: [OptionEntry] = []) { self.entries = entries }

    /// The value of the first entry named `name` (case-insensitive).
    public func value(_ name: String) -> OptionValue? {
        entries.first { $0.name.name.lowercased() == name.lowercased() }?.value
    }
}

/// `name = value` inside OPTIONS / CONFIG / INDEX(...).
public struct OptionEntry: Sendable, Hashable {
    public var name: Identifier
    public var value: OptionValue

    public init(name: Identifier, value: OptionValue) {
        self.name = name
        self.value = value
    }
}

/// An option value: an expression (usually a literal or a bare name), a parenthesized tuple
/// `(a, b)` or a bracketed list `[a, b]`.
public indirect enum OptionValue: Sendable, Hashable {
    case expr(Expr)
    case tuple([OptionValue])
    case list([OptionValue])
}
