import TideCore

extension FunctionCatalog {
    /// The misc family.
    static let misc: [FunctionDefinition] = []
}
