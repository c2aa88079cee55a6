import TideCore

/// Every built-in function TideDB knows, by family. The binder resolves calls here; each
/// family's signatures live in `FunctionCatalog+Family.swift`, next to nothing else.
public enum FunctionCatalog {
    /// All definitions, in family order.
    public static let all: [FunctionDefinition] =
        math + casts + nullHandling + strings + dateTime + collections + featureSignatures + misc + aggregates

    /// Definitions by canonical name and by alias (lower case).
    public static let byName: [String: FunctionDefinition] = {
        var table: [String: FunctionDefinition] = [:]
        for definition in all {
            table[definition.name] = definition
            for alias in definition.aliases { table[alias] = definition }
        }
        return table
    }()

    /// The definition a name refers to (case-insensitive; aliases included).
    public static func lookup(_ name: String) -> FunctionDefinition? { byName[name.lowercased()] }

    /// Every overload of every function.
    public static var allSignatures: [FunctionSignature] { all.flatMap(\.signatures) }
}
