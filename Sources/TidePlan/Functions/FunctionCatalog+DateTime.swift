import TideCore

extension FunctionCatalog {
    /// The dateTime family.
    static let dateTime: [FunctionDefinition] = []
}
