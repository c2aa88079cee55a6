import TideCore

extension FunctionCatalog {
    /// The collections family.
    static let collections: [FunctionDefinition] = []
}
